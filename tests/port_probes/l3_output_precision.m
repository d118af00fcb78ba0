p = output_precision
format short g
output_precision(3)
a = pi
b = [1 2.5; -100 1e-5]
c = 2 - 3i
output_precision(10);
a = pi
b = [1 2.5; -100 1e-5]
q = output_precision
format short e
output_precision(8)
a = -pi
b = [1 2.5; -100 1e-5]
format long
p = output_precision
format
p = output_precision
a = pi
format longg
a = pi
format shorte
a = pi
format shortg
a = pi
format compact
b = [1 2.5; -100 1e-5]
format loose
b = [1 2.5; -100 1e-5]
format long
output_precision(5)
a = pi
