st = struct('a', {1, 2, 3}); st(2) = []; n = numel(st), v = [st.a]
s.list = {1, 2, 3}; s.list(2) = []; s
