s.a = 1; t = s; t.a = 2; s, t
