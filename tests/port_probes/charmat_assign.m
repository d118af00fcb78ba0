c = ['ab'; 'cd']; c2 = c;
c(1, 2) = 'z'
c2
c(3, :) = 'xy'
o = c(2), m = upper(c)
