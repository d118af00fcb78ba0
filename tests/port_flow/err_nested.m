1;
function r = f(x)
  r = 2 * g(x);
end
function r = g(x)
  if x > 1
    r = 1 + error('deep %d', x);
  end
end
y = 3;
z = 1 + f(y);
