# -*- coding: utf-8 -*-
# Ported from 'functions.m' by `octakd port`: line N below is line N of the Octave script plus 4.
from octakd import *
from octakd.port.runtime import size, numel, zeros, ones, rand, randn
Z = zeros(3)
O = ones(2, 3)
R = rand(2)
N = randn(1, 4)
r, c = size(O, nargout=2)
n = numel(O)
m = size(O, 2)
