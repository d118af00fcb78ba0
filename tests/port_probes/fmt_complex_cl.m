format long
a = 1+2i
b = 1.5+2.5i
c = pi+1i
d = [1+2i 3.5-1i]
e = sqrt(-2)
f = 1e6+1i
g = 0.01+1i
h=[1+2i; 3-4i]
k = 123456.5+1i
