s = int2str(2.7)
