r = rank(magic(4))
