disp(1)
error('my:id', 'bad %d', 3);
disp(2)
