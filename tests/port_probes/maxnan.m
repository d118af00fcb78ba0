[m, i] = max([NaN 3 1 NaN 7])
