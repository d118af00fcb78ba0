x = abs(int8(-128))
