s.x = 1; s.y = 2; t = rmfield(s, 'x')
