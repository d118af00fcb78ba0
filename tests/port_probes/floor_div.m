x = floor(7/2)
