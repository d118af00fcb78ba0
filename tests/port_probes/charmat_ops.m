c = ['ab'; 'cd'];
d = double(c)
n = numel(c), s = size(c), l = length(c)
f = c(:)'
disp(c)
h = [c; 'ef']
k = [c, ['x';'y']]
