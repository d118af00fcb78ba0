# -*- coding: utf-8 -*-
# Ported from 'ranges_loops.m' by `octakd port`: line N below is line N of the Octave script plus 4.
from octakd import *
from octakd.port.runtime import mat, colon, irange, columns, disp, printf
total = 0.0
for i in irange(1, 10):
    total = total + i

for k in irange(10, -2, 1): printf('%d ', k)
printf('\n')
n = 0.0
while n < 3:
    n = n + 1
    if n == 2:
        continue


r = colon(0.0, 0.25, 1)
for x in columns(mat([[3, 1, 2]])):
    disp(x)
