[u, i, j] = unique([3 1 3 2])
