s = strcat('a ', 'b', 'c ')
