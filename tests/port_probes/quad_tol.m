f = @(x) exp(-x.^2/2)/sqrt(2*pi);
printf('%.12f\n', quad(f, 4.5, 10));
q = quad(@(x) x.^2, 0, 3, [1e-6 1e-3])
