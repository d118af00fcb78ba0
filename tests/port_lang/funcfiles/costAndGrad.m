function [J, grad] = costAndGrad(X, y, theta)
  m = length(y);
  J = computeCost(X, y, theta);
  if nargout > 1
    grad = helper(X, X * theta - y) / m;
  end
end

function g = helper(X, err)
  g = X' * err;
end
