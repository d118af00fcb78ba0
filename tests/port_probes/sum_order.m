format long
x = 0.1 * (1:1000) + 1 ./ (1:1000);
s = sum(x)
m = mean(x)
A = reshape(1 ./ (1:60), 6, 10);
r = sum(A, 2)
c = sum(A)
y = sum(exp(linspace(-1, 1, 100001)))
