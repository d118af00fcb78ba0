x = lsqnonneg([1 0; 0 1; 1 1], [1; -1; 2])
