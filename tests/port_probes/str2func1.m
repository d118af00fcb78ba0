a = 3; f = str2func('@(x) x + a'); disp(f(1)); f
g = str2func('cos'); disp(g(0)); g
