1;
function r = f(a, b)
  if nargin < 2
    b = 10;
  end
  r = a + b;
end
x = f(1), y = f(1, 2)
