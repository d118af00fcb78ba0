x = 0;
r = -x^2;
printf("%g %d\n", r, r)
y = -x
z = [-x 1.5]
