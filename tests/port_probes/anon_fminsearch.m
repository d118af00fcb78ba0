c = [1 2]; x = fminsearch(@(p) sum((p - c).^2), [0 0]); printf('%.3f %.3f\n', x);
