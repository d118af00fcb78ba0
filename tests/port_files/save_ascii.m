x = [1 2.5; -3 4e6];
s = 7;
n = [0.1 NaN -Inf];
save -ascii a.txt x s n
save('-ascii', '-double', 'b.txt', 'x')
save -ascii -tabs c.txt x
for f = ['a', 'b', 'c']
  fid = fopen([f '.txt'], 'r');
  line = fgetl(fid);
  while ischar(line)
    printf('[%s]\n', line);
    line = fgetl(fid);
  end
  fclose(fid);
end
