1;
function [s, p] = sp(a, b)
  s = a + b;
  p = a * b;
end
[u, v] = sp(3, 4)
w = sp(3, 4)
