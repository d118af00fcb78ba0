format long
b = [1e6 1], i = [1e9 -1]
