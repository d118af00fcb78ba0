s = 'abc';
a = s + 1
b = s == 'b'
c = sum(s == 'a')
d = '123' - '0'
e = -'a'
f = s * 2
g = s / 2
h = 'a' < 'b'
k = s' == 'a'
l = ['ab';'cd'] == 'a'
m = 'abc' == 'abc'
n = s .^ 2
o = double(s) - 96
p = s(1) == 'a'
q = 'ab' + int8(100)
r = 'a' ~= 'b'
if s(2) == 'b', disp('yes'), end
t = s ./ 0
u = 1 + 'a'
v = ['ab';'cd'] + 1
