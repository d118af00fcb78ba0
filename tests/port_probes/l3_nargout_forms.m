1;
function varargout = v(n)
  printf('nargout = %d\n', nargout);
  for k = 1:max(nargout, 1)
    varargout{k} = k * n;
  end
end
function [a, b, c] = three()
  a = nargout; b = 2; c = 3;
end
[p, q] = v(2)
v(3);
r = v(4)
disp(nargout('three'))
disp(nargout(@v))
disp(nargin('v'))
[x, y, z] = three();
disp([x y z])
