p = arrayfun(@(x, y) x*y, [1 2; 3 4], [5 6; 7 8])
b = arrayfun(@(x) x > 2, [1 2 3 4])
