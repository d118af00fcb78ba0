c = {1, 2, 3}; x = c{:}
s = struct('a', {5, 6}); y = s.a
