a = [1 2 3];
a(2) = 1i
b = a; b(2) = 5
iscomplex(b)
c = zeros(2); c(1,2) = 2+3i
r = [];
r(3) = 1-1i
z = complex([1 2], [0 0]);
z(1) = 5;
iscomplex(z)
w = [1+2i 3];
w(1) = 4;
iscomplex(w)
w
