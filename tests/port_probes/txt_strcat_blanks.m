c = strcat('a ', 'b ', ' c ')
d = strcat('x', 65)
