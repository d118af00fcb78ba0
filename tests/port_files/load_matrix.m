fid = fopen('data.txt', 'w');
fprintf(fid, '%% a comment\n');
fprintf(fid, '%g,%g\n', [1 2; 3.5 -4]);
fprintf(fid, '\n5 6\n');
fclose(fid);
d = load('data.txt')
size(d)
