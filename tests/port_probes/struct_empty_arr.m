q = struct('a', {}), n = numel(q)
