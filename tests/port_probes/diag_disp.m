disp(eye(2))
disp(1)
