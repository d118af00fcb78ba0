a = [3+1i, -4, 1-1i, 2i, 0.1+0.7i, 1/3];
s = sum(a), p = prod(a), m = mean(a), cs = cumsum(a), cp = cumprod(a(1:3)), f = find(a)
format long
m2 = mean([0.1+0.2i, 0.7-0.3i, 1/3+1i/7])
