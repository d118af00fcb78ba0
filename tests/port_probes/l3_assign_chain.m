u = [1 2 3]; a = zeros(1, 3);
for j = 1:3
  a(j) = u(j) = -u(j);
end
a
u
b = c = 4
v(1:3) = w = 5
x = (u(3) = 7)
s.f = 1;
t = s.f = 'hi'
p = q = r = [1 2]
