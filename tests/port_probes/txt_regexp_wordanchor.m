p = regexprep('hello world', '\<w', 'W')
