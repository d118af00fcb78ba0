s.n = 1; s.n += 2; s.n = s.n * 10
