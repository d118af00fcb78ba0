e = strtrim(sprintf('  \t ab c \n '))
f = ['[' strtrim('  x  ') ']']
