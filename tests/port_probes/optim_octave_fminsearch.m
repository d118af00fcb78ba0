banana = @(x) 100*(x(2)-x(1)^2)^2 + (1-x(1))^2;
[x, fval, flag, out] = fminsearch(banana, [-1.2, 1]);
printf('%.15g %.15g %.15g %d\n', x, fval, flag);
out
[x, fval] = fminsearch(@(x) (x-3)^2 + 1, 0);
printf('%.15g %.15g\n', x, fval);
x = fminsearch(@(x) sum(sum((x - [1 2; 3 4]).^2)), zeros(2))
[x, fval, flag] = fminsearch(banana, [-1.2, 1], optimset('MaxIter', 10));
printf('%.15g %.15g %d\n', x, fval, flag);
[x, fval, flag] = fminsearch(banana, [-1.2, 1], optimset('MaxFunEvals', 30, 'Display', 'off'));
printf('%.15g %.15g %d\n', x, fval, flag);
x = fminsearch(@(x, a, b) (x(1)-a)^2 + (x(2)-b)^4, [0 0], optimset('TolX', 1e-8, 'TolFun', 1e-10), 2, 5);
printf("%.15g %.15g\n", x);
x = fminsearch(@(x) abs(x(1)) + abs(x(2)-1) + abs(x(3)+2), [1 1 1], optimset('Display', 'final'));
printf('%.15g\n', x);
