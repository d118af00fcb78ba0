g = @(x, y) x + y; z = g(1, 2)
