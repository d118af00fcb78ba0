1;
function [f, g] = quad(x)
  f = sum((x - [1 2]).^2); g = 2*(x - [1 2]);
end
opts = optimset('GradObj', 'on', 'MaxIter', 100);
[x, fv] = fminunc(@quad, [0 0], opts); printf('%.4f %.4f %.4f\n', x, fv);
