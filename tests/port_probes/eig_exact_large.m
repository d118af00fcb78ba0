% eig of a 20x20 symmetric matrix: DSYTD2 (below DSYTRD's crossover 32) and DSTEQR / DSTERF
K = zeros(20);
for i = 1:20
  for j = 1:20
    K(i, j) = mod(i * j * 13 + 3 * i + 3 * j, 23) / 7 - 1.5;
  end
end
[V, D] = eig(K);
num2hex(V(:, [1 7 20]))
num2hex(diag(D))
num2hex(eig(K))
