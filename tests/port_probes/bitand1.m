x = bitand(12, 10)
