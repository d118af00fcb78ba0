format short g
a = pi, b = [1 2.5 1e-8], c = 123456789, d = [1 1000000], e = -0.5, f = [pi; -exp(1)*1000; 1e10]
s1 = 1, s2 = -1, s5 = -123.5, s6 = -1.23456789e-10, s7 = 1e5, s9 = NaN, s10 = -Inf
m1 = [1 2 3], m2 = [-1.23456789e-10 5], m3 = [1 NaN -Inf], m4 = [0.001 0.01]
r = 0:0.5:2
disp(pi), disp([1 2.5])
w = (1:20)/3
z = -0, e = zeros(0,3), x = single(2.5), i = int8([1 2]), l = true
st.a = pi; st.b = [1 2.5]; st
format long g
a = pi, b = [1 2.5 1e-8], g = 1/3, h = [1/3 2/3; 100 1e-5]
t1 = -0.5, t5 = -1e-20, n1 = [1 2 3]
disp(-0.5)
format longG
k = [1e-5 1; 2 3]
format short
z = pi
format shortG
y = [pi 1]
format
z = pi
