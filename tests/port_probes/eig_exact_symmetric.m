% eig of a symmetric matrix: DSYEV('V'|'N', 'U') in the reference LAPACK's order
% (DSYTD2, DORGTR/DORG2L, DSTEQR with vectors; DSTERF without)
format long
A = [4 1 2; 1 3 0; 2 0 5];
[V, D] = eig(A)
e = eig(A)
num2hex(V)
num2hex(diag(D))
num2hex(e)
B = [2 -1; -1 2];
[V2, D2] = eig(B)
num2hex(V2)
num2hex(eig(B))
N = -[5 1 0.5; 1 4 0.25; 0.5 0.25 3];
[V3, D3] = eig(N)
num2hex(V3)
num2hex(eig(N))
