z = num2str(pi, 8)
a = num2str([pi; -exp(1)], 4)
