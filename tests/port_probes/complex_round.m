a = [3+1i, -4, 1-1i, 2i] / 3;
r = round(a), f = floor(a), c = ceil(a), x = fix(a)
