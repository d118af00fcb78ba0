fprintf(['x = %d' '\n'], 1)
