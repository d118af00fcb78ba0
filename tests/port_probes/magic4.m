M = magic(4)
