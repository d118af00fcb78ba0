% eig of symmetric matrices with repeated eigenvalues, diagonal and 6x6 ones (DSYEV's order)
format long
R = ones(4) + 2 * eye(4);
[V, D] = eig(R)
num2hex(V)
num2hex(eig(R))
G = diag([3 -1 2 2]);
[V2, D2] = eig(G)
eig(G)
T = diag(ones(5, 1), 1);
T = T + T' - 2 * eye(6);
[V3, D3] = eig(T)
num2hex(V3)
num2hex(eig(T))
K = zeros(6);
for i = 1:6
  for j = 1:6
    K(i, j) = mod(i * j * 7 + i + j, 11) - 5;
  end
end
[V4, D4] = eig(K)
num2hex(V4(:, [1 6]))
num2hex(diag(D4))
num2hex(eig(K))
