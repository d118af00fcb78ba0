% A^-k inverts as inv does (xpow), to the last bit; xpow warns only for an exact zero pivot
format long
A = [4 -2 1; 3 6 -4; 2 1 8];
B = A ^ -2;
num2hex(B)
S = [4 1 0.5; 1 3 0.2; 0.5 0.2 2];
num2hex(S ^ -1)
C = magic(4) ^ -1;
num2hex(C(:, 1))
D = [1 2; 2 4] ^ -1
disp(1 ./ ([2 0; 0 2] ^ -1))
