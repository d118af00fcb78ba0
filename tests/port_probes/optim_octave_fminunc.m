1;
function [J, g] = quadcost(t)
  J = (t(1) - 3)^2 + 10 * (t(2) + 1)^2 + t(1) * t(2);
  g = [2 * (t(1) - 3) + t(2); 20 * (t(2) + 1) + t(1)];
end
[x, fv, info, out] = fminunc(@quadcost, [0; 0], optimset('GradObj', 'on'));
printf('%.15g\n', x, fv, info); out
banana = @(x) 100*(x(2)-x(1)^2)^2 + (1-x(1))^2;
[x, fv, info, out] = fminunc(banana, [-1.2, 1]);
printf('%.15g\n', x, fv, info); out
[x, fv, info] = fminunc(@(x) sum(exp(x) - 2*x), [1 2 3], optimset('MaxIter', 5));
printf('%.15g\n', x, fv, info);
[x, fv, info, out, g] = fminunc(@(x) (x - 2)^4 + x^2, 0);
printf('%.15g\n', x, fv, info, g);
