X = [1 2; 3 4; 5 7];
mu = mean(X);
Z = bsxfun(@minus, X, mu)
W = bsxfun(@times, X, [2; 3; 4])
f = @(a, b) a .* b + 1;
V = bsxfun(f, [1 2 3], [1; 2])
d = bsxfun(@rdivide, X, [2 4])
p = bsxfun(@power, [1 2], [2; 3])
f = @minus;
disp(f(3, 1))
g = @times;
disp(g(3, 2))
h = @ge;
disp(h([1 2 3], 2))
