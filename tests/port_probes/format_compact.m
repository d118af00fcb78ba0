format compact
format long
x = [1.5 2; 3 4]
format short
I = eye(2)
w = 1:25
format loose
y = [1 2]
format compact
v = -3
e = []
format
z = [1 2]
