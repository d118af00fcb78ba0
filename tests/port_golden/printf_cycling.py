# -*- coding: utf-8 -*-
# Ported from 'printf_cycling.m' by `octakd port`: line N below is line N of the Octave script plus 4.
from octakd import *
from octakd.port.runtime import pi, mat, colon, disp, printf, fprintf, sprintf
printf('%d %d\n', mat([[1, 2, 3, 4]]))
fprintf('%5.2f|\n', pi)
fprintf(1, '%s\n', 'to stdout')
s = sprintf('%d,', colon(1, 3))
disp(s)
