fid = fopen('n.txt', 'w');
fprintf(fid, '%d %d\n', [1 2; 3 4; 5 6]');
fclose(fid);
fid = fopen('n.txt', 'r');
A = fscanf(fid, '%d %d', [2 Inf])
fclose(fid);
fid = fopen('n.txt', 'r');
B = fscanf(fid, '%f')
fclose(fid);
fid = fopen('n.txt', 'r');
C = fscanf(fid, '%d', [3 2])
fclose(fid);
fid = fopen('w.txt', 'w');
fprintf(fid, 'alpha beta\ngamma\n');
fclose(fid);
fid = fopen('w.txt');
s = fscanf(fid, '%s')
fclose(fid);
fid = fopen('w.txt');
t = fscanf(fid, '%s', 1)
fclose(fid);
fid = fopen('n.txt');
a = fscanf(fid, '%d', 1)
b = fscanf(fid, '%d', 2)
l = fgetl(fid)
[r, cnt] = fscanf(fid, '%d')
fclose(fid);
fid = fopen('w.txt');
t2 = fscanf(fid, '%s', 2)
u = fgetl(fid)
fclose(fid);
