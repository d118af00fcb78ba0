a = transpose([1 2; 3 4]), b = ctranspose([1+2i, 3]), c = transpose('ab'), d = transpose(1:3) * 2
