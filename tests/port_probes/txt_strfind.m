f = strfind('abababa', 'aba')
g = strfind('abc', 'z')
