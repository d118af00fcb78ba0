disp(2^62 + 1 == 2^62), x = 3; disp(x^40 - 1 == x^40)
n = 123456789; fprintf("%d\n", n^2), y = 1e200; z = y^2, w = -y^3
s = 1; for k = 1:23, s = s * k; end, fprintf("%d\n", s), fprintf("%d\n", 10^23)
