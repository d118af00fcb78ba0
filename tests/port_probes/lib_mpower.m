A = [4 1; 1 3];
B = A^0.5
C = A^2
D = A^-1
E = [2 0; 0 3]^1.5
F = 2^[1 0; 0 2]
G = [1 2; 3 4]^0.5
H = 2^[1 2; 3 4]
K = [2 1; 1 2]^-0.5
printf('%.12f\n', B);
try
  x = [1 2 3]^2
catch e
  disp(e.message)
end
