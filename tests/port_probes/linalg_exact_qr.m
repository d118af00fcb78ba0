% [Q, R] = qr(A) and qr(A, 0): DGEQR2 and DORG2R in the reference order, to the last bit
format long
A = [12 -51 4; 6 167 -68; -4 24 -41];
[Q, R] = qr(A)
num2hex(Q)
num2hex(R)
T = [1 2; 3 4; 5 6; 7 8.5];
[Q2, R2] = qr(T);
num2hex(Q2)
num2hex(R2)
[Q3, R3] = qr(T, 0);
num2hex(Q3)
num2hex(R3)
W = T';
[Q4, R4] = qr(W)
num2hex(R4)
K = zeros(12, 5);
for i = 1:12
  for j = 1:5
    K(i, j) = mod(i * j * 7 + i, 19) - 9;
  end
end
[Q5, R5] = qr(K);
printf('%.17g\n', Q5(:, 7));
printf('%.17g\n', R5(1:5, 5));
