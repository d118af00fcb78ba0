x = fminbnd(@(x) (x - 1)^2 * (x + 2), -1, 4, optimset('Display', 'iter'));
printf('%.10f\n', x);
