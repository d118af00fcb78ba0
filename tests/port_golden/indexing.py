# -*- coding: utf-8 -*-
# Ported from 'indexing.m' by `octakd port`: line N below is line N of the Octave script plus 4.
from octakd import *
from octakd.port.runtime import mat, colon, index, assign_index, end_index, size, numel
v = mat([[10, 20, 30, 40]])
a = index(v, 2)
b = index(v, numel(v))
c = index(v, colon(2, numel(v) - 1))
A = mat([[1, 2], [3, 4]])
d = index(A, 2, 1)
e = index(A, ':', 2)
v = assign_index(v, (5,), 50)
A = assign_index(A, (1, ':'), mat([[0.0, 0.0]]))
