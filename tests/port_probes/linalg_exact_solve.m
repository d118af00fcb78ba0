% A\b and b/A on the triangular, Cholesky and LU paths, printed to the last bit
format long
A = [4 -2 1; 3 6 -4; 2 1 8];
b = [1; 2; 3];
x = A \ b
num2hex(x)
num2hex([1 2 3] / A)
S = [4 1 0.5; 1 3 0.2; 0.5 0.2 2];      % symmetric positive definite: dpotrf, dpotrs
num2hex(S \ b)
num2hex(b' / S)
N = [1 2 0; 2 1 0; 0 0 1];              % symmetric, positive diagonal, not definite: LU
num2hex(N \ b)
U = [2 1 3; 0 4 5; 0 0 7];              % triangular: dtrtrs, and with 'T' for b/U
num2hex(U \ b)
num2hex(b' / U)
num2hex(U' \ b)
num2hex(b' / U')
K = zeros(12);
for i = 1:12
  for j = 1:12
    K(i, j) = mod(i * j * 7 + i, 19) - 9 + 3 * (i == j);
  end
end
B = reshape(1:36, 12, 3) / 10;
X = K \ B;
num2hex(X(:, 2))
Y = B' / K;
printf('%.17g\n', Y(3, :));
P = K' * K;                              % symmetric positive definite, 12x12
num2hex(P \ B(:, 1))
[1 2; 2 4] \ [1; 2]                      % exactly singular: warning, least squares
x2 = [2 1e8; 1e8 1e16+1] \ [1; 2];       % rcond ~ 1e-16: warnings, Cholesky then LU
num2hex(x2)
num2hex(3 \ [1 2])
