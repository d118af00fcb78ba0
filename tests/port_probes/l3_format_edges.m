format short e
a = [9.9e99 1]
b = [1e100 1]
c = [1e-99 1]
d = [1e-100 1]
e = [1.5e-100; 2]
f = [1e100+1i, 2]
g = 1:3
format short
h = [1e100 1]
k = [1e-100 1.5]
format short g
a = [-1.23456e100 1; 2 3]
b = [1e10 2e10]
c = [true false]
d = 'abc'
e = [NaN + 1i, 2]
f = -1.23456e-100
g = [1e5 1e-5 -1e5]
k = uint8(200)
m = [1;2]*1e5
format short e
a = [-1.23456e100 1; 2 3]
f = -1.23456e-100
b = [1e10 2e10]
c = [true false]
e = [NaN + 1i, 2]
format long g
m = [1;2]*1e5 + 0.5
n = 1e15 + 0.3
