c = arrayfun(@(x) [x x], [1 2], 'UniformOutput', false)
d = cellfun(@(s) [s '!'], {'a', 'bc'}, 'UniformOutput', false)
