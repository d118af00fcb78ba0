1;
function varargout = multi(n)
  for k = 1:nargout
    varargout{k} = k * n;
  end
end
function [a, varargout] = first(x)
  a = x;
  printf('nargout=%d\n', nargout);
  varargout{1} = x + 1;
  varargout{2} = x + 2;
end
[p, q, r] = multi(10)
s = multi(3)
[u, v] = first(1)
w = first(2)
[u, v, t] = first(3);
disp([u v t])
