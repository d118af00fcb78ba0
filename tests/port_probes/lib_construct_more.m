[X, Y, Z] = meshgrid(1:2, 1:2, 1:2);
disp(size(X))
G = ndgrid(1:3)
r = repmat([1 2; 3 4], 1, 2)
c3 = cat(3, [1 2], [3 4]);
disp(size(c3))
ri = randi(10, 2);
disp(size(ri))
rr = randi([5 5], 1, 3)
l = logspace(0, 1, 1)
t = triu([1 2 3; 4 5 6], -1)
cs = circshift([1 2 3; 4 5 6], [0 1])
d = diag([1 2 3], -1)
