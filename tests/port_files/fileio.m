fid = fopen('f.txt', 'w');
fprintf(fid, '%d %f\n', [1 2; 3 4]);
fprintf(fid, 'last line\n');
r = fclose(fid)
fid = fopen('f.txt', 'r')
a = fgetl(fid)
b = fgets(fid)
c = fgetl(fid)
e = fgetl(fid)
done = feof(fid)
fclose(fid);
fid = fopen('nums.txt', 'w');
fprintf(fid, '%d\n', 1:6);
fclose(fid);
fid = fopen('nums.txt');
v = fscanf(fid, '%d')
frewind(fid);
M = fscanf(fid, '%d', [2 Inf])
fclose(fid);
bad = fopen('no/such/file.txt', 'r')
