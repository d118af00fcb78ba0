a = [3+1i, -4, 1-1i, 2i];
m1 = max(a), m2 = min(a), [mx, ix] = max(a)
p = max([1i, -1i, 1, -1]), q = min([1i, -1i, 1, -1]), [r, ir] = max([1, 1i, -1, -1i])
s = max(1i, -1), t = max(-1, 1i), u = max([1i 2], [-1 1]), v = min(1i, -1), w = max(a, 2)
x = max([1 2; 3+1i 0]), y = max([NaN+1i, 2]), z = min([1+1i 2; -3 1i], [], 2)
[m3, i3] = max([2i, 1, 2i, -2i]), [m4, i4] = min([2i, 3, 2i, 5])
