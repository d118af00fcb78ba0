s.x = 1; a = isfield(s, 'x'), b = isfield(s, 'q'), c = isfield(s, {'x', 'q'}), d = isfield(1, 'x')
