format long
n = [1.5 -2.25]
h = [1 2;3 4]/7
q = [NaN 1.5 Inf]
