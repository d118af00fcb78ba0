c = regexprep('aaa', 'a', 'b', 'once')
d = regexprep('ABC abc', 'abc', 'x', 'ignorecase')
h = regexprep('abc', 'B', 'X', 'ignorecase', 'once')
