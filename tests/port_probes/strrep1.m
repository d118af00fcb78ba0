s = strrep('hello world', 'o', '0')
