a = isequal({1, 'a'}, {1, 'a'}), b = isequal({1}, {2}), c = isequal(struct('x', 1, 'y', 2), struct('y', 2, 'x', 1))
d = isequal('a', 97), e = isequal([1 2], [1 2], [1 2]), f = isequal(NaN, NaN), g = isequal([1 2], [1; 2])
