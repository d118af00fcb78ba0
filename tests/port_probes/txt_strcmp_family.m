h = strcmpi('ABC', 'abc'), i = strncmp('abcd', 'abxx', 2), j = strncmpi('ABcd', 'abXX', 2)
k = strncmp('ab', 'abc', 3), l = strcmpi('a', 5)
