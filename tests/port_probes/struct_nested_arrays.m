s.inner = struct('a', {1, 2}); s.e = struct('a', {}); s.z = {}; s.n = {[]}; s
