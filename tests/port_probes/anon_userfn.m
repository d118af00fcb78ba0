1;
function r = sq(x, y)
  if nargin < 2, y = 0; end
  r = x^2 + y;
end
f = @(x) sq(x); g = @(x) sq(x, 1);
disp([f(3) g(3)])
