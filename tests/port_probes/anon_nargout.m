f = @(v) max(v); [m, i] = f([3 1 4])
g = @(v) size(v); [r, c] = g(ones(2, 3))
