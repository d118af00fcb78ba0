# -*- coding: utf-8 -*-
# Ported from 'arith_ops.m' by `octakd port`: line N below is line N of the Octave script plus 4.
from octakd import *
from octakd.port.runtime import mat, rdivide, power, mtimes, logical_and, lt, gt
a = 2; b = 3
c = a * b + rdivide(a, b) - power(a, b)
v = mat([[1, 2, 3]])
w = rdivide(v * v, power(2, v))
M = mat([[1, 2], [3, 4]])
P = mtimes(M, M)
Q = M / 2
t = a == b
u = a != b
l = logical_and(gt(v, 1), lt(v, 3))
z = -2 ** 2
