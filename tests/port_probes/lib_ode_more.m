opts = odeset('RelTol', 1e-8, 'AbsTol', 1e-10);
[t, y] = ode45(@(t, y) -y, [0 1], 1, opts);
printf('%.8f\n', y(end));
[t, y] = ode45(@(t, y) [y(2); -y(1)], [0 pi/2 pi], [0; 1]);
printf('%.4f %.4f\n', y');
