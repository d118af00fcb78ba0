s.a.b = 5; s
