fid = fopen('assign_lines.txt', 'w'); fprintf(fid, '1 2 3\n4 5 6\n'); fclose(fid);
fid = fopen('assign_lines.txt', 'r');
M = [];
while (line = fgetl(fid)) != -1
  M = [M; str2num(line)];
end
fclose(fid);
M
u = -(i = 3) * (v = ones(2, 1))
if (k = 5) > 4
  printf('%d %d\n', k, i);
end
