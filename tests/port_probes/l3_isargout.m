1;
function [a, b, c] = f()
  printf('nargout=%d isargout=%d%d%d\n', nargout, isargout(1), isargout(2), isargout(3));
  disp(isargout([1 2 3]))
  a = 1; b = 2; c = 3;
end
f();
x = f();
[~, y] = f();
[p, ~, q] = f();
[~, ~, r] = f();
g = @f;
[~, y] = g();
[u, v] = f();
