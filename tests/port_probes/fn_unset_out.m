1;
function [a, b] = g(x)
  a = x;
end
try
  [p, q] = g(1);
catch err
  disp(err.message)
end
