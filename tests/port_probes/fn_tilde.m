1;
function [a, b] = g()
  a = 1;
  b = 2;
end
[~, y] = g()
[~, i] = max([4 8 1])
