x = [1 2.5; 3 4];
y = 7;
s = 'hello';
save('-text', 'a.txt', 'x', 'y', 's');
fid = fopen('a.txt');
l = fgetl(fid);
while ischar(l)
  if ~strncmp(l, '# Created by Octave', 19)
    disp(l)
  end
  l = fgetl(fid);
end
fclose(fid);
S = load('a.txt');
disp(S.x); disp(S.y); disp(S.s)
