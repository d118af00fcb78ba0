1;
function [f, g] = quad2(x)
  f = (x(1) - 1)^2 + 4 * (x(2) + 2)^2;
  g = [2 * (x(1) - 1); 8 * (x(2) + 2)];
end
o = optimset('GradObj', 'on', 'MaxIter', 400);
[x, fv] = fminunc(@quad2, [0; 0], o);
printf('%.5f %.5f %.6f\n', x, fv);
[x, fv, info] = fminunc(@(x) sum((x - [2 3]).^2), [0 0]);
printf('%.4f %.4f %.6f %d\n', x, fv, info);
