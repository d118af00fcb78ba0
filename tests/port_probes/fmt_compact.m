format compact
x = 1
