[u, i, j] = unique({'b', 'a', 'b'})
