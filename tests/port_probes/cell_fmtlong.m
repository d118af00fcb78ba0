format long
c = {pi, [1 2.5]}
s.x = pi
format short
d = {-0, [-1.5 NaN Inf], 1:0.5:2, logical([1 1; 1 1]), []}
