a = 2; f = @(x) x.^2 + a; a = 100; disp(f(3))
f
