b = regexprep('Hello World', '(\w+) (\w+)', '$2 $1')
i = regexprep('abc', '(a)', '$0$1')
