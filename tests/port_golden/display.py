# -*- coding: utf-8 -*-
# Ported from 'display.m' by `octakd port`: line N below is line N of the Octave script plus 4.
from octakd import *
from octakd.port.runtime import mat, display
x = 5; display('x', x)
y = 2.5; display('y', y)
s = 'text'; display('s', s)
b = True; display('b', b)
display('x', x)
ans = 3 + 4; display('ans', ans)
z = mat([])
