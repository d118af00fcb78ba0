a = [0.1 pi; NaN -Inf];
b = true;
c = [true false];
d = int32(-5);
k = -0.5;
name = 'abc';
save -text t.txt a b c d k name
fid = fopen('t.txt');
first = fgetl(fid);
line = fgetl(fid);
while ischar(line)
  printf('[%s]\n', line);
  line = fgetl(fid);
end
fclose(fid);
back = load('t.txt');
