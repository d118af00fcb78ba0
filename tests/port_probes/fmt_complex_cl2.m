a = 0.01+1i
b = [0.5+1i 2]
c = 12345.5+1i
d = 1e10+1i
e = [1+NaN*1i]
f = 100.25-3i
format long
a = 0.5+0.25i
b = [0.5+1i; 2]
c = 12345.5+1i
e = 1+Inf*1i
f = 100.25-3i
g = -1-1i
h = 1e9+1i
disp(1+2.5i)
