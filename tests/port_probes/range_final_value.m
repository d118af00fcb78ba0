x = 0.1:0.1:2.3;
printf('%.17g\n', x(end), x(22), x(8));
y=0:0.1:0.3; printf('%.17g\n', y(end));
