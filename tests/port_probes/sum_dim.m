A = [1 2; 3 4]; s1 = sum(A), s2 = sum(A, 2)
