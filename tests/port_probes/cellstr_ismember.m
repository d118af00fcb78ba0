[tf, loc] = ismember({'a', 'z', 'b'}, {'a', 'b'})
t = ismember('b', {'a', 'b'})
