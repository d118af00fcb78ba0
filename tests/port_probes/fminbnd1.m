[x, fv] = fminbnd(@cos, 3, 4); printf('%.4f %.4f\n', x, fv);
c = 2; x = fminbnd(@(t) (t - c)^2, 0, 5); printf('%.4f\n', x);
