y = polyval([1 2 3], 2)
