# -*- coding: utf-8 -*-
# Ported from 'if_else.m' by `octakd port`: line N below is line N of the Octave script plus 4.
from octakd import *
from octakd.port.runtime import disp
x = 3
if x > 2 and x < 5:
    disp('middle')
elif x >= 5 or x == 0.0:
    disp('big or zero')
else:
    disp('small')

if not x == 3:
    disp('not three')
