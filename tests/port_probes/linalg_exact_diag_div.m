% division by a diagonal matrix: rows or columns divided, zeros for a zero diagonal entry, no warning
a = diag([2 0]) \ [1; 1]
b = [1 1] / diag([2 0])
c = (eye(2)*1e-30) \ [1; 2]
d = diag([4 -0.5]) \ [1 2; 3 4]
