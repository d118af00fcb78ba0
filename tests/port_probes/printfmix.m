fprintf('%s: %d\n', 'ab', 5)
