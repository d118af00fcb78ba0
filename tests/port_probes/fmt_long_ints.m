format long
d = 123456789, e = 1e10, f = -99999999, g = 1e15, h = 1e16
