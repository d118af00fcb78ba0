1;
function [a, b] = two(x)
  a = x + 1; b = x * 2;
end
e = zeros(1, 3);
for i = 1:3
  [e(i), _] = two(i);
end
e
_
[s.v, q] = two(3)
[m(2), ~] = size(ones(4, 5))
[w.a(2), w.b] = deal(7, 'x')
[mx(1), ix(1)] = max([3 9 2])
v = [1 2 3];
[v(end+1), v(1)] = deal(10, 20)
