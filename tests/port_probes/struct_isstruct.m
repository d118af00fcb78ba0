s.x = 1; a = isstruct(s), b = isstruct(1), k = class(s)
