s.x = 1; s.y = 2; f = fieldnames(s)
