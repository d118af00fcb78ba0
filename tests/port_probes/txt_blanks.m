k = blanks(3); size(k)
s = ['[' blanks(2) ']']
