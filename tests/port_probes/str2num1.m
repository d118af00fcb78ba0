x = str2num('[1 2 3]')
