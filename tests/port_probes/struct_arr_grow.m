s = struct('a', 1, 'b', 'x'); s(3).a = 5; t = s(3)
