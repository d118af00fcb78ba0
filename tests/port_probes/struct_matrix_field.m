s.m = [1.5 2; 3 4]; s.e = []; s.t = ''; s.l = true
