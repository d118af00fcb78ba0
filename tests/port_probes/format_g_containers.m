format short g
c = {pi, [1 2.5 1e-8], -0.5, int8(3), "s", {1e10}}
s.a = {2}; s.b.c = 1/3; s
format long g
c = {pi, [1/3 2]}
t.x = -1e-20
