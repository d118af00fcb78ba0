% polyfit as Octave 7's polyfit.m: pivoted QR (DGEQP3), r \ (q' * y), cholinv(r'*r), to the last bit
format long
x = [0 1 2 3 4 5 6 7 8 9];
y = [1.2 2.9 5.1 7.2 8.8 11.1 13.2 14.8 17.1 19.3];
p = polyfit(x, y, 1)
p3 = polyfit(x, y, 3);
printf('%.17g\n', p3);
[p2, S] = polyfit(x, y, 2);
printf('%.17g\n', p2);
printf('%.17g\n', S.normr);
printf('%.17g\n', S.R);
printf('%.17g\n', S.C);
S.df
printf('%.17g\n', S.yf);
xx = linspace(0, 1, 7)';
yy = exp(xx);
printf('%.17g\n', polyfit(xx, yy, 4));
[p5, S5, mu] = polyfit(x, y, 2);
printf('%.17g\n', p5, mu);
