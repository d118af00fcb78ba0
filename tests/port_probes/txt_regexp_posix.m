s = regexprep('ab1', '[[:digit:]]', 'X')
