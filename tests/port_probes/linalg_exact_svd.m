% pinv, [U, S, V] = svd, null and orth through DGESVD's paths, to the last bit
format long
A = [1 2 3; 4 5 6; 7 8 10];
P = pinv(A)
num2hex(P)
[U, S, V] = svd(A);
num2hex(U)
num2hex(diag(S))
num2hex(V)
X = [ones(6, 1), (1:6)', [2 3 5 7 11 13]'];
theta = pinv(X' * X) * X' * [3; 5; 6; 9; 12; 15];   % the normal equation of the ML course
printf('%.17g\n', theta);
W = [1 2 3 4 5 6; 2 3 4 5 6 7; 3 4 5 6 7 8];        % wide and rank 2: LQ first
num2hex(pinv(W))
N = null(W);
num2hex(N)
Q = orth(W');
num2hex(Q)
T = [X, X(:, 2) .^ 2];                                % tall 6x4: direct path
num2hex(pinv(T))
[U2, S2, V2] = svd(T, 0);
num2hex(U2(:, 1:2))
num2hex(V2)
G = reshape(mod((1:40) * 7, 11), 10, 4);              % tall 10x4: QR first
[U3, S3, V3] = svd(G);
num2hex(diag(S3))
num2hex(U3(:, 1:2))
printf('%.17g\n', V3);
num2hex(pinv(G)(:, 1:3))
R = [1 2; 2 4.0000000001];
num2hex(pinv(R))
