g = regexprep('abc', '(?<=a)b', 'X')
l = regexprep('abc', '(?<x>b)', '[$1]')
c = regexprep(sprintf('a\nb'), 'a.b', 'X')
