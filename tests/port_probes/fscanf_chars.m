fid = fopen('fscanf_chars_em.txt', 'w');
fprintf(fid, 'Hello world\n  second line\tx\n');
fclose(fid);
fid = fopen('fscanf_chars_em.txt');
c = fscanf(fid, '%c', inf);
fclose(fid);
size(c)
class(c)
printf('[%s]\n', c);
fid = fopen('fscanf_chars_em.txt'); d = fscanf(fid, '%c', 5); fclose(fid); d, size(d)
fid = fopen('fscanf_chars_em.txt'); e = fscanf(fid, '%c'); fclose(fid); size(e)
fid = fopen('fscanf_chars_em.txt'); [g, n] = fscanf(fid, '%c', 3); rest = fscanf(fid, '%c', 4); fclose(fid); g, n, rest
delete('fscanf_chars_em.txt');
