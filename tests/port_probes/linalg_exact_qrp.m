% [Q, R, P] = qr(A) and qr(A, 0) with column pivoting (DGEQP3) to the last bit
format long
A = [1 2 3; 4 5 6; 7 8 10; 2 2 2];
[Q, R, P] = qr(A)
num2hex(R)
[Q2, R2, p2] = qr(A, 0)
num2hex(Q2)
B = A';
[Q3, R3, P3] = qr(B);
num2hex(R3)
P3
