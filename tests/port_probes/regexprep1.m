s = regexprep('abc123', '(\d+)', '<$1>')
