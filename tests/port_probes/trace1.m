t = trace(magic(3))
