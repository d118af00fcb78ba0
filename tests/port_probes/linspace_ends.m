x = linspace(0.05, 4.95, 50); printf('%.17g\n', x([2 25 26 32 37 49 50]));
y = linspace(0, 1, 7); printf('%.17g\n', y);
