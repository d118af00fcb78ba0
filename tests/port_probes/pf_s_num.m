c = sprintf('%s|', [3.5 -1 65 1e10])
e = sprintf('%5s|%-6s|', 2.5, 1.5), h = sprintf('%s', NaN)
k = sprintf('%s %s', 'ab', 3.25), cc = sprintf('%c', 3.5)
