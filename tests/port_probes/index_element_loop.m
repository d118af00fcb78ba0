% single elements read in loops: matrix, linear index, logical, power and product of scalars
X = [1 2; 3 4; 5 6];
s = 0;
for i = 1:3
  s += (0.5 * X(i, 1) + 2 * X(i, 2) - X(i)) ^ 2;
end
s
X(5)
b = X > 2;
b(2, 2)
c = b(1)
t = 2.5 ^ 2
u = (-2) ^ 3
