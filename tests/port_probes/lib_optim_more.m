o = optimset('MaxIter', 200, 'TolX', 1e-10);
x = fminsearch(@(x) (x - 3)^2, 0, o);
printf('%.5f\n', x);
x = fzero(@(x) cos(x) - x, 0.5, optimset('TolX', 1e-12));
printf('%.10f\n', x);
[x, fv, ef] = fminbnd(@(x) x^2 - 4*x, 0, 5);
printf('%.6f %.6f %d\n', x, fv, ef);
c = cellfun(@(s) [s 'x'], {'a', 'bc'}, 'UniformOutput', false)
[mx, ix] = cellfun(@max, {[1 3 2], [5 4]})
a = arrayfun(@(v) v * [1 1], [1 2], 'UniformOutput', false)
n = cellfun('length', {'ab', [1 2 3]})
