e = sprintf('a%db', []), f = sprintf('%5d|', [])
h = sprintf('%d and %s', [], 'x'), k = sprintf('%s-%s|', 'ab', [])
fprintf('%d\n', [])
