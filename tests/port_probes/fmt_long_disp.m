format long
disp(pi), disp([1/3 -2/3])
