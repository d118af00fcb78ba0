m = regexp('ab12cd345', '\d+', 'match', 'once')
m2 = regexp('abcd', '\d+', 'match', 'once')
[t, m3] = regexp('xaby', 'ab', 'end', 'match', 'once')
