fid = fopen('t.csv', 'w');
fprintf(fid, '1,2.5,abc\n3,4.5,de\n');
fclose(fid);
fid = fopen('t.csv');
C = textscan(fid, '%d %f %s', 'Delimiter', ',');
fclose(fid);
class(C)
size(C)
a = C{1}
b = C{2}
c = C{3}
fid = fopen('t.csv');
D = textscan(fid, '%f %f %s', 'Delimiter', ',', 'HeaderLines', 1);
fclose(fid);
d1 = D{1}
E = textscan('1 2 3 4', '%f')
