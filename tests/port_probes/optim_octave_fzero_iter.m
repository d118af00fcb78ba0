x = fzero(@(x) x^2 - 5, 1, optimset('Display', 'iter'));
printf('%.17g\n', x);
x = fzero(@(x) cos(x) - x, [0 1], optimset('Display', 'iter'));
