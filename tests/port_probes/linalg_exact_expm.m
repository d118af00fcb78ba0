% expm as Octave 7's expm.m (trace shift, DGEBAL balancing, Pade, squaring) to the last bit
format long
A = [1 2; 3 4];
E = expm(A)
num2hex(E)
B = [0 1 0; 0 0 1; -2 -3 -4];
num2hex(expm(B))
C = [4 -2 1; 3 6 -4; 2 1 8] / 3;
num2hex(expm(C))
D = [1 1e4 0; 0 1 1e4; 0 0 1];
num2hex(expm(D))
G = zeros(6);
for i = 1:6
  for j = 1:6
    G(i, j) = mod(i * j * 7 + i, 11) - 5;
  end
end
num2hex(expm(G / 4))
P = [0 0 1; 1 0 0; 0 1 0] * 2 - eye(3);
num2hex(expm(P))
s = expm(2)
Z = expm(diag([1 2]))
e0 = expm([])
