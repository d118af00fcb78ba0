a = [3+1i, -4, 1-1i, 2i];
b = a < 2, c = a > (1+1i), d = a >= 2i, e = 2 <= a
f = [-4, 1] < 4i, g = [3 1] > 2i, h = [-4 4i] > 4i, k = a(a > 1.5)
z = conj([-4, 4i, 4, -4i]), l = z > 4i, n = z <= -4, [zs, zi] = sort(z)
