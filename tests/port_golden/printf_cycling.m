printf('%d %d\n', [1 2 3 4]);
fprintf('%5.2f|\n', pi);
fprintf(1, '%s\n', 'to stdout');
s = sprintf('%d,', 1:3);
disp(s)
