name = input('Your name: ', 's');
printf('[%s]\n', name);
v = input('');
disp(v * 2)
