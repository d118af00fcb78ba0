s = strjoin({'x', 'y'})
