c = {1, 2}; f = @(k) c{k} * 10; disp(f(2))
f
g = @(x) {x, x}; d = g(3)
