x = exp(10)
