m = regexp('ab12cd345', '\d+', 'match')
m0 = regexp('abc', '\d', 'match')
m1 = regexp('abc', '\d', 'match', 'once')
m2 = regexp('abc12', '\d', 'match', 'once')
mi = regexpi('aBcb', 'b', 'match')
n = numel(regexp('a b  c', '\S+', 'match'))
w = regexp('one two', '\w+', 'match');
printf('%s|', w{:}); printf('\n');
