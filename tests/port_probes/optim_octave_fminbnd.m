[x, fv, info, out] = fminbnd(@(x) (x - 2)^2 + 1, 0, 5);
printf('%.17g %.17g %d\n', x, fv, info);
out
x = fminbnd(@cos, 3, 4)
[x, fv] = fminbnd(@(x) x.^3 - 2*x - 5, 0, 2);
printf('%.15g %.15g\n', x, fv);
[x, fv, info] = fminbnd(@(x) sin(x), 0, 0);
printf('%g %g %d\n', x, fv, info);
[x, fv, info] = fminbnd(@(x) exp(x) - 3*x, 0, 3, optimset('TolX', 1e-10));
printf('%.17g %.17g %d\n', x, fv, info);
[x, fv, info] = fminbnd(@(x) (x-0.3)^2, 0, 1, optimset('MaxIter', 4));
printf('%.17g %.17g %d\n', x, fv, info);
x = fminbnd(@(x) abs(x - 1e3), 0, 1e5);
printf('%.17g\n', x);
x = fminbnd(@(x) x > 0.3, 0, 1);
printf('%.17g\n', x);
x = fminbnd(@(x) -x.*exp(-x), 0, 5, optimset('Display', 'final'));
