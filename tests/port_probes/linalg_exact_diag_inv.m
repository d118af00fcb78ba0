% inv of diagonal matrices (DiagMatrix::inverse) and of -0
a = inv(diag([2 0 4]))
e = eye(3) * 2;
b = inv(e)
c = inv(eye(2))
d = inv([5])
g = inv(-0)
