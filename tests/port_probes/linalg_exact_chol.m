% chol: DPOTRF('U') in the reference order; a failure returns the leading block and p
format long
S = [4 1 0.5; 1 3 0.2; 0.5 0.2 2];
R = chol(S)
num2hex(R)
[R2, p] = chol([1 2 3; 2 1 4; 3 4 1])
[R3, p3] = chol([4 2 1 0; 2 5 3 1; 1 3 1 2; 0 1 2 9])
K = zeros(12);
for i = 1:12
  for j = 1:12
    K(i, j) = mod(i * j * 7 + i, 19) - 9 + 3 * (i == j);
  end
end
num2hex(chol(K' * K)(:, 12))
