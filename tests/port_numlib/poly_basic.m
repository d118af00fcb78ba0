x = [1 2 3 4 5]; y = [2.2 4.1 6.3 7.9 10.2];
p = polyfit(x, y, 1)
p2 = polyfit(x, y, 2)
[p, S, mu] = polyfit(x, y, 1);
p
mu
v = polyval([1 2 3], [0 1 2])
vm = polyval(p, 3, [], mu)
r = roots([1 -3 2])
r0 = roots([0 1 -3 2 0])
pp = poly([1 2 3])
pa = poly([2 0; 0 3])
c = conv([1 2], [1 3 5])
cs = conv([1 2 3 4], [1 1], 'same')
[q, rr] = deconv([1 5 6 1], [1 2])
