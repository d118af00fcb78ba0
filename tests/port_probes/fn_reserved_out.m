1;
function [min, sum] = lowest(v)
  min = v(1); sum = 0;
  for k = v, if k < min, min = k; end, sum = sum + k; end
end
[m, s] = lowest([4 2 7])
