format shortG
x = 1e5
format longE
z = [pi; 1e-10]
format shortE
x = 1e5
format longG
x = 1e5
y = [1e5 -2.5]
