t = regexp('ab12cd345', '(\d)(\d)', 'tokens')
t1 = regexp('ab12', '(\d)(\d)', 'tokens', 'once')
t0 = regexp('abc', '(\d)', 'tokens')
t2 = regexp('abc', '(\d)', 'tokens', 'once')
tn = regexp('a1b2', '\d', 'tokens')
s1 = size(regexp('ab12', '\d', 'tokens', 'once'))
kv = regexp('x=1;y=22', '(\w)=(\d+)', 'tokens');
printf('%s -> %s\n', kv{2}{:});
