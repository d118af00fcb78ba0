l = log(-1)
