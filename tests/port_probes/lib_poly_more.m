x = [1 2 3 4 5]; y = [1 4 9 16 25.5];
[p, S] = polyfit(x, y, 2);
printf('%.6f\n', p);
printf('%d %.6f\n', S.df, S.normr);
[yy, dy] = polyval(p, [1.5 2.5], S);
printf('%.6f %.6f\n', yy, dy);
c = conv([1 2 3], [1 1], 'valid')
F = fft([1 2; 3 4])
f2 = ifft([10 -2 2 -2], 4)
i8 = interp1([1 2 3], [1 4 9; 2 5 10; 3 6 11], 1.5)
t3 = trapz([1 2; 3 4], 2)
g = gradient([1 4 9 16], [0 1 3 6])
v = polyval([1 2 3], [Inf -Inf NaN])
[y2, d2] = polyval(p, [1 2; 3 4], S)
ct = cumtrapz([1 2; 3 4], 2)
