% A script calling function files beside it and in lib/ (octakd run --path lib)
X = [1 1; 1 2; 1 3];
y = [1; 2; 3];
theta = [0; 0];
J = computeCost(X, y, theta)
[J2, grad] = costAndGrad(X, y, [0; 1])
fprintf('%.4f\n', scale2(J));
printf('%d\n', countdown(3));
