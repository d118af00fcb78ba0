s = sprintf('%d,', [1 2 3])
