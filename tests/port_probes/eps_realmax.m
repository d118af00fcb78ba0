format long
a = eps(realmax)
b = eps(1)
c = eps(0)
d = eps([1 1000 Inf])
m = realmax("double")
