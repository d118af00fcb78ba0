u = sprintf('%-8.3e|', -pi), v = sprintf('%G', 1e-10), w = sprintf('%5.1s|', 'abc')
ii = sprintf('%#x', 255), jj = sprintf('%05.1f', -2.25), y = sprintf('%ld %hd', 3, 4)
