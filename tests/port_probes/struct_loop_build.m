for k = 1:3
  s(k).a = k * 2;
  c{k} = sprintf('%d', k);
end
s
c
if true
  t.x = 1;
end
t
