[x, fv, ef] = fminsearch(@(x) (x(1)-1)^2 + (x(2)+1)^2, [0 0]);
printf('%.4f %.4f %.6f %d\n', x, fv, ef);
[x, fv, ef] = fzero(@(x) x^3 - 8, [0 5]);
printf('%.8f %.2g %d\n', x, fv, ef);
