a = NaN:1:3
b = 1:NaN:3
for e = NaN:NaN:NaN
  disp(e)
end
x = NaN;
for k = 0:x:1
  disp(k)
end
