# -*- coding: utf-8 -*-
# Ported from 'comments.m' by `octakd port`: line N below is line N of the Octave script plus 4.
from octakd import *
from octakd.port.runtime import display
# a line comment
# a hash comment
x = 1  # trailing comment
#
# a block comment
# spanning lines
#
y = 2; display('y', y)  # another
