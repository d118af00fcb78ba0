1;
function r = applyk(k, v)
  f = @(x) k * x;
  r = f(v);
end
disp(applyk(3, [1 2]))
