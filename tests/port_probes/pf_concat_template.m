fprintf(['x = %d' '\n'], 1)
t = ['%d' ', ']; fprintf([t '\n'], 5)
fprintf(["a" '\t' "b\n"])
