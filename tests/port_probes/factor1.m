f = factor(60)
