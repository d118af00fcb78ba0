x = [1 2.5; -3 4e6];
csvwrite('c.csv', x);
dlmwrite('d.txt', [1 2 3], ';');
dlmwrite('e.txt', x, 'delimiter', '\t', 'precision', 3);
fid = fopen('c.csv'); disp(fgetl(fid)); disp(fgetl(fid)); fclose(fid);
fid = fopen('d.txt'); disp(fgetl(fid)); fclose(fid);
fid = fopen('e.txt'); disp(fgetl(fid)); disp(fgetl(fid)); fclose(fid);
y = csvread('c.csv')
z = dlmread('d.txt', ';')
w = dlmread('c.csv', ',', 1, 0)
