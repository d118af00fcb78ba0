# -*- coding: utf-8 -*-
# Ported from 'string_literals.m' by `octakd port`: line N below is line N of the Octave script plus 4.
from octakd import *
from octakd.port.runtime import horzcat, display, printf, numel
a = "it's"
b = 'tab\there'
c = 'no\\tescape'
d = horzcat('abc', 'def')
printf('%s|%s\n', a, c)
printf('%d\n', 7)
n = numel(d); display('n', n)
