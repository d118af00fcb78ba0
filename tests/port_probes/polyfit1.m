p = polyfit([1 2 3], [2 4 6], 1)
