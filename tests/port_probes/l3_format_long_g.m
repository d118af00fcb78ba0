format long g
a = pi
b = -pi
c = 100000
d = 123456789
e = 1e-5
f = -0.5
m = 0
n = -0
s = 7
t = -42
u = 1/3
v = 1e100
w = -2.5e-300
x = NaN
y = -Inf
z = true
i8 = int8([1 -2 3])
g = [1 2 3]
h = [1 2.5; 100 1e-5]
k = [pi; -exp(1); 1e10]
q = [NaN 1.5 Inf; -Inf 0 -0.25]
r = 1:5
r2 = 0:0.25:1
r3 = -2:2
big = (1:14) * 1.5
c1 = 3 + 4i
c2 = -1.5 - 0.25i
c3 = [1+2i, 3.5-1i; -1i, 100]
em = []
disp(pi)
disp([1 2.5 -3])
disp(-0.001)
