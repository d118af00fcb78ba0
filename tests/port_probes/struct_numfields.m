s.a = 1; s.b = 2; n = numfields(s)
