% det: triangular, Cholesky and LU paths, as Octave's DET (coefficient and power of 2)
format long
M = [0 2 1 3; 3 2 8 1; 1 0 0 3; 0 3 2 1];
d = det(M)
num2hex(d)
num2hex(det(magic(4)))
num2hex(det(magic(5)))
num2hex(det([2 1; 1 3]))                 % Cholesky: not exactly 5
num2hex(det([4 1 0.5; 1 3 0.2; 0.5 0.2 2]))
num2hex(det([2 1 3; 0 4 5; 0 0 7] / 3))
det([1 2; 2 4])
det(7)
det([])
K = zeros(12);
for i = 1:12
  for j = 1:12
    K(i, j) = mod(i * j * 7 + i, 19) - 9 + 3 * (i == j);
  end
end
printf('%.17g\n', det(K));
printf('%.17g\n', det(K' * K));
