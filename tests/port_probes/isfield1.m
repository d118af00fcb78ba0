s.a = 1; t = isfield(s, 'a'), u = isfield(s, 'b')
