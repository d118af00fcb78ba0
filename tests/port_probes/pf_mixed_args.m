n = sprintf('%d %s|', 1, 'abc', 2, 'de')
s = sprintf('%s=%d ', 'a', 1, 'b', 2)
t = sprintf('%f', 'a'), o = double(sprintf('%s', [1 2 3]))
