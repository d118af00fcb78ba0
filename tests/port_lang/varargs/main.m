[a, n] = sumall(1, 2, 3)
h = @sumall;
b = h(4, 5)
nargin('sumall')
nargout('sumall')
nargout(h)
c = {7, 8};
[a, n] = sumall(c{:}, 1)
