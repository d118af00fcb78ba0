x = 1:6; y = x(logical([1 0 1 0 1 0]))
