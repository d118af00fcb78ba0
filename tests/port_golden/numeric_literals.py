# -*- coding: utf-8 -*-
# Ported from 'numeric_literals.m' by `octakd port`: line N below is line N of the Octave script plus 4.
from octakd import *
from octakd.port.runtime import pi, inf, nan, display
a = 1e-3
b = .5
c = 0x1F
d = pi
e1 = inf
f = nan
g = True
h = False
k = 1.5e+2; display('k', k)
