1;
function [a, b, c] = three(x)
  a = x; b = 2 * x; c = 3 * x;
end
x = nthargout(2, @three, 5)
y = nthargout(3, @three, 1);
disp(y)
[~, i] = max([4 8 1]);
j = nthargout(2, @max, [4 8 1])
k = nthargout(2, 3, @three, 7)
f = @(v) max(v);
m = nthargout(2, f, [1 5 2])
