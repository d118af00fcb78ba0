h = regexp('ab12cd345', '\d+')
[s, e] = regexp('ab12cd345', '\d+')
z = regexp('abc', 'z')
