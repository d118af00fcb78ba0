% eig of 45x45 and 150x150 symmetric matrices: DSYTRD's blocked path (DLATRD, DSYR2K);
% vectors through the unblocked DORG2L, values alone through DSTERF
K = zeros(45);
for i = 1:45
  for j = 1:45
    K(i, j) = mod(i * j * 11 + 5 * i + 5 * j, 29) / 9 - 1.5;
  end
end
[V, D] = eig(K);
num2hex(V([1 20 45], [1 33 45]))
num2hex(diag(D)([1 2 44 45]))
num2hex(eig(K)([1 23 45]))
L = zeros(150);
for i = 1:150
  for j = 1:150
    L(i, j) = mod(i * i + j * j + 3 * i * j, 37) - 18;
  end
end
num2hex(eig(L)([1 2 75 149 150]))
