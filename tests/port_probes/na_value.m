x = NA, y = NA(2), z = isna([NA NaN 1]), w = [NA 1], q = NA + 1, n = isnan(NA)
k = isna(interp1([1 2 3], [4 5 6], [0 2]) * 2), disp(NA)
