e = regexprep('a.b', '\.', '\n')
j = regexprep('abc', '[ac]', '\\')
o = regexprep('x', 'x', '\$1')
