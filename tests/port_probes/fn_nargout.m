1;
function [a, b] = g()
  a = nargout;
  b = 2;
end
[x, y] = g()
z = g()
g()
