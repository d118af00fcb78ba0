printf('%d %d\n', [1 2 3 4 5]); printf('\n');
printf('%d\n', 1.5);
printf('%d\n', pi);
printf('%5.2f|%g\n', pi, 1e-5);
printf('[%s]\n', 'abc', 'de');
printf('%d %s\n', 1, 'ab', 2, 'cd');
printf('%d and %d\n', 1, 2, 3); printf('\n');
x = sprintf('%d,', [1 2; 3 4])
fprintf('%x %o %e %E %G\n', 255, 8, 12345.678, 0.5, 1e-10);
fprintf(1, 'fid %d\n', 3);
printf('%i|%u|%c|%%\n', 4, 5, 'A');
printf('%.3d|%+d|% d\n', 5, 5, 5);
printf('%5s|%-5s|\n', 'ab', 'cd');
printf('%s\n', [72 105]);
printf('%d %d\n', 'ab');
printf('<%d>', []); printf('\n');
printf('%d\n', NaN);
printf('%5.1f|\n', -Inf);
printf('a\tb\\n\n');
printf("a\tb\\n\n");
disp(-0.5); disp([1 2; 3 4]); disp(1e-3); disp([0.001 1]); disp(pi*1000)
y = num2str(pi)
z = num2str([1 2 3])
