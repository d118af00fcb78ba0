s = struct('a', {1, 2, 3}); n = numel(s), v = [s.a], b = s(2)
