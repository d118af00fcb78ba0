x = fzero(@(x) x^2 - 2, [0 2])
