[a, k] = min([4 NaN 2; NaN NaN 1])
