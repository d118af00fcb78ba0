x = fliplr('abc'), y = upper(fliplr('xyz'))
