v = 1:3;
b = true;
save -text b.txt v b
x=0; type_lines = fileread('b.txt');
k = strfind(type_lines, sprintf('\n'));
disp(type_lines(k(1)+1:end))
save -ascii c.txt v
disp(fileread('c.txt'))
w = [1.5 -2; 1e6 3];
save('-ascii', 'd.txt', 'w')
disp(fileread('d.txt'))
