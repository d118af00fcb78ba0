C = textscan('1 2 3 4 5', '%f %f');
C{1}, C{2}
D = textscan(sprintf('1,,3\n4,5,6\n'), '%f %d %f', 'Delimiter', ',');
D{1}, D{2}, D{3}
E = textscan(sprintf('a 1\nb 2\n'), '%s %d');
E{1}, E{2}
class(E{2})
F = textscan(sprintf('x,y\n1,2\n3,4\n'), '%f %f', 'Delimiter', ',', 'HeaderLines', 1);
F
G = textscan('1;2;3', '%f', 'Delimiter', ';')
