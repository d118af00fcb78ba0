% [a, b] = h(x) where h = @(t)(f(t)) (parentheses around the call) gives both outputs
1;
function [a, b] = two(x)
  a = x + 1;
  b = x * 2;
end
h = @(t)(two(t));
[p, q] = h(3)
