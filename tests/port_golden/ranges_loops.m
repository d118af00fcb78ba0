total = 0;
for i = 1:10
  total = total + i;
end
for k = 10:-2:1, printf('%d ', k); end
printf('\n');
n = 0;
while n < 3
  n = n + 1;
  if n == 2
    continue
  end
end
r = 0:0.25:1;
for x = [3 1 2]
  disp(x)
endfor
