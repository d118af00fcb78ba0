m = mean([1 2; 3 4])
