[t, y] = ode45(@(t, y) -y, [0 1], 1);
printf('%d steps\n', numel(t));
printf('%.10f %.10f\n', [t y]');
[t, y] = ode45(@(t, y) [y(2); (1 - y(1)^2) * y(2) - y(1)], [0 20], [2; 0]);
printf('%d steps\n', numel(t));
disp([t(1:5) y(1:5, :)])
[t, y] = ode45(@(t, y) -2*y + sin(t), [0 0.5 1 3], 1)
