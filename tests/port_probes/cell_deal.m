c = {1, 'two', [3 4]};
[a, b] = c{:}
[p, q] = deal(7)
[u, v, w] = deal(c{:});
disp(w)
s = struct('x', {10, 20});
[m, n] = s.x
