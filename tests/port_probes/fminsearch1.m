x = fminsearch(@(x) (x - 3)^2, 0); printf('%.4f\n', x)
