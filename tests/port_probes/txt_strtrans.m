s = 'abc'; t = s'
disp(t)
u = t'
