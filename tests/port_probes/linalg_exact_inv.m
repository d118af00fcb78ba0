% inv through Octave's MatrixType paths, printed to the last bit (num2hex)
format long
A = [4 -2 1; 3 6 -4; 2 1 8];
X = inv(A)
num2hex(X)
H = zeros(6);
for i = 1:6
  for j = 1:6
    H(i, j) = 1 / (i + j - 1);
  end
end
Y = inv(H);          % symmetric, positive diagonal: Cholesky (dpotrf, dpotri)
num2hex(Y(:, 1:2))
printf('%.17g\n', Y(6, :));
M = magic(4); M(1, 1) = 17;
num2hex(inv(M))
T = triu(reshape(1:25, 5, 5)) + eye(5);
num2hex(inv(T))      % upper triangular: dtrtri
num2hex(inv(T'))     % lower triangular
K = zeros(12);
for i = 1:12
  for j = 1:12
    K(i, j) = mod(i * j * 7 + i, 19) - 9 + 3 * (i == j);
  end
end
Z = inv(K);
num2hex(Z(:, 1:2))
printf('%.17g %.17g %.17g\n', Z(12, 10:12));
W = inv(magic(4));   % rcond ~ 1e-17: the warning goes to stderr
num2hex(W(:, 1))
inv([1 2; 2 4])
inv(4)
inv(0)
inv([])
s = 0.1 * [3 1 0; 1 3 1; 0 1 3];
num2hex(inv(s))
