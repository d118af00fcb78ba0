format long; x = pi
format; y = pi
format long
z = -0.5
format short
disp(pi)
