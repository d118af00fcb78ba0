% indexed assignment creates a variable first assigned inside a loop or a branch
x = 2;
for k = 1:3
  sq(k) = k^2;
end
disp(sq)
if x > 5
  w = 1;
end
w(2) = 3
function s = squares(n)
  for k = 1:n
    s(k) = k^2 + 1;
  end
end
disp(squares(4))
