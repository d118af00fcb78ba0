c = {1, 'two'}; x = c{2}, y = c(1)
