s.a.b = 2; s.a.c = 'deep'; s
