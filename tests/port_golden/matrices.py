# -*- coding: utf-8 -*-
# Ported from 'matrices.m' by `octakd port`: line N below is line N of the Octave script plus 4.
from octakd import *
from octakd.port.runtime import mat, horzcat, vertcat, ctranspose
A = mat([[1, 2], [3, 4]])
v = mat([[1, -2, 3]])
w = 1 - 2
c = horzcat(v, 4)
m = vertcat(A, horzcat(5, 6))
t = ctranspose(A)
e = mat([])
