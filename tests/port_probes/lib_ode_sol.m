sol = ode45(@(t, y) -y, [0 1], 1);
fieldnames(sol)
printf('%d\n', numel(sol.x));
