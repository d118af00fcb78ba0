x = fminsearch(@(x) (x(1)-1)^2 + 3*(x(2)+0.5)^2, [0 0], optimset('Display', 'iter', 'TolX', 1e-3, 'TolFun', 1e-3));
printf('%.10f\n', x);
