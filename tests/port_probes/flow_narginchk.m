1;
function r = f(a, b, c)
  narginchk(2, 3);
  r = a + b;
end
disp(f(1, 2))
try
  f(1)
catch e
  disp(e.message)
end
