s.a = 1; s.b = {1, 'x'}; disp(s)
