f = factorial(5)
