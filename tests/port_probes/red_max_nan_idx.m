[m, i] = max([NaN 2 5 5])
[m2, i2] = max([NaN NaN])
[m3, i3] = min([NaN 1; NaN NaN])
