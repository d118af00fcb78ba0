a = strrep('aaa', 'aa', 'b')
b = strrep('abcabc', 'bc', '')
