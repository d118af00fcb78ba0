format long
a = [1.5 10.5]
p = [0.001 1]
j = [1e15 1]
