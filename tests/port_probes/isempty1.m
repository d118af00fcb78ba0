e = isempty([]), f = isempty(0)
