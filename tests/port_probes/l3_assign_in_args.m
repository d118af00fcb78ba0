disp(x = 3)
x
n = 2;
A(i = 1 : n+1 , 1) = 1
i
B = zeros(2);
v = B(k = 2, 1)
