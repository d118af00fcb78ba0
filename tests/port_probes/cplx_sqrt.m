s = sqrt(-4)
