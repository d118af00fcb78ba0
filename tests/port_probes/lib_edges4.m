fid = fopen('d.txt', 'w');
fprintf(fid, '%% comment\n1 2 3\n4 5 6\n');
fclose(fid);
A = load('d.txt')
fid = fopen('d.txt');
l1 = fgetl(fid)
l2 = fgets(fid)
while ~feof(fid)
  l = fgetl(fid)
end
x = fgetl(fid)
fclose(fid);
[fid, msg] = fopen('nope/none.txt')
v = [1.5 2.25];
save -ascii -double e.txt v
disp(fileread('e.txt'))
save -ascii -tabs f.txt v
disp(fileread('f.txt'))
dlmwrite('g.csv', [1 2; 3 4]);
dlmwrite('g.csv', [5 6], '-append');
disp(fileread('g.csv'))
M = dlmread('g.csv')
csvwrite('h.csv', [pi exp(1)]);
disp(fileread('h.csv'))
