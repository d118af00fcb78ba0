format long; x = pi, y = [1/3 2/3], format short; z = pi
