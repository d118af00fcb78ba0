s = struct('a', {1, 2, 3});
d = arrayfun(@(e) e.a * 2, s)
c = arrayfun(@(e) e.a + 1, s, 'UniformOutput', false)
s(end+1).a = 9;
n = numel(s), last = s(end).a
