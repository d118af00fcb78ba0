q = str2num('[1 2; 3 4]')
r = str2num('5'), s = str2num('1 -2 3.5')
