c = {@sin, @(x) x + 1}
s.f = @(t) t.^2
g = c{2}; y = g(3)
z = c{2}(4)
