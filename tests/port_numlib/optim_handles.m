x = fzero(@(x) x^2 - 2, 1)
x = fzero(@cos, [1 2])
[x, fv] = fminbnd(@(x) (x - 1)^2 + 3, 0, 3);
printf('%.4f %.4f\n', x, fv);
x = fminsearch(@(x) (x(1) - 1)^2 + (x(2) - 2)^2, [0 0]);
printf('%.3f %.3f\n', x);
x = fminunc(@(x) sum((x - [1 2]).^2), [0 0]);
printf('%.4f %.4f\n', x);
[t, y] = ode45(@(t, y) -y, [0 0.5 1], 1);
disp([t y])
r = arrayfun(@(v) v^2, [1 2 3])
