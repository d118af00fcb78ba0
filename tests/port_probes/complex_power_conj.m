% complex powers and the conjugate transpose of a complex scalar
z1 = 1.5 + 3i;
z2 = 1.5 + 1.5i;
disp(z1 ^ z2)
w = (-8)^(1/3)
v = 2^(1i)
c = z1'
r = 3'
