[x, fv, info, out] = fzero(@cos, [0 3]);
printf('%.17g %.5g %d\n', x, fv, info);
out
x = fzero(@(x) x^2 - 2, 1);
printf('%.17g\n', x);
x = fzero(@(x) x^3 - 2*x - 5, 2)
x = fzero(@(x) exp(-x) - x, 0);
printf('%.17g\n', x);
[x, fv, info] = fzero(@(x) x, 0);
printf('%g %g %d\n', x, fv, info);
[x, fv, info] = fzero(@(x) x + 1, 0);
printf('%.17g %g %d\n', x, fv, info);
[x, fv, info] = fzero(@(x) 1./x, [-1 2]);
printf('%g %g %d\n', x, fv, info);
[x, fv, info] = fzero(@(x) tanh(x - 0.3), [-5 5], optimset('TolX', 1e-3));
printf('%.17g %.5g %d\n', x, fv, info);
[x, fv, info] = fzero(@(x) sin(x) - 0.5, [0 1.5], optimset('MaxIter', 3));
printf('%.17g %.5g %d\n', x, fv, info);
x = fzero(@(x) log(x) - 1, [1 5], optimset('Display', 'final'));
printf('%.17g\n', x);
x = fzero(@(x) x^2 - 3, 0.0001);
printf('%.17g\n', x);
x = fzero(@(x) x - 1000, -20);
printf('%.17g\n', x);
