a = realmax('single')
b = realmin('single')
c = eps('single')
d = intmax('int8')
e = intmin('int16')
f = intmax('uint32')
g = realmax('double')
h = eps('double')
k = intmax
printf('%g %g %g\n', realmax('single'), realmin('single'), eps('single'));
s = eps(single(1))
s2 = eps(single([1 1000]))
cl = class(realmax('single'))
r = realmin
