s = struct('a', 1); s.a = [s.a, 2]
