s = num2str(pi, 8)
