1;
function [s, p] = sp(a, b)
  s = a + b; p = a * b;
end
f = @(v) max(v); h = @sp; g = @(a, b, c) 1;
printf('%d %d %d %d %d %d %d\n', nargin(f), nargout(f), nargin(@sp), nargout('sp'), nargin(h), nargout(h), nargin(g))
