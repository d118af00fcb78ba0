function J = computeCost(X, y, theta)
  % squared error cost
  m = length(y);
  J = sum((X * theta - y) .^ 2) / (2 * m);
end
