1;
function [J, g] = cost(t, a, b)
  J = sum((t - a).^2) + b;
  g = 2 * (t - a);
end
function [X, fX] = runner(f, X, options, P1, P2)
  argstr = ['feval(f, X'];
  for i = 1:(nargin - 3)
    argstr = [argstr, ',P', int2str(i)];
  end
  argstr = [argstr, ')'];
  for k = 1:options
    [f1 df1] = eval(argstr);
    X = X - 0.25 * df1;
    fX(k) = f1;
  end
end
[X, fX] = runner(@cost, [1; 2], 3, [0.5; -1], 2);
printf('%.17g\n', X, fX);
s = 'cost(X, [0; 0], 1)';
h = @(t) cost(t, [1; 1], 0);
name = 'h';
v = eval([name '(X)'])
[a, b] = eval(['feval(h', ', X)']);
printf('%g %g %g\n', a, b);
