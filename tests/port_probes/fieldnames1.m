s = struct('p', 1, 'q', 2); f = fieldnames(s)
