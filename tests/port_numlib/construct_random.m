rand('seed', 42);
randn('state', 1);
rand('state', 0);
x = randi(6, 1, 1000);
disp([min(x) max(x)])
disp(all(x == round(x)))
y = randi([-2 2], 3, 4);
disp(size(y))
disp(all(y(:) >= -2 & y(:) <= 2))
z = rand(2, 3);
disp(size(z))
