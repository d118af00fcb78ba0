1;
function [a, b] = h(varargin)
  printf('%d inputs, isargout(1:2) = %d %d\n', nargin, isargout(1), isargout(2));
  a = 1; b = 2;
end
k = @h;
[~, t] = k(1, 2);
[s, ~] = feval(k, 3);
[~, w] = feval(@h);
c = h(5)
