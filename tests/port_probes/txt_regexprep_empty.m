a = regexprep('baaac', 'a*', '-')
d = regexprep('  ab  ', '^\s*', '')
g = regexprep('abc', '(b)|(z)', '[$2]')
