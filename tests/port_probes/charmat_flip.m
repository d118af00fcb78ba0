c = ['ab'; 'cd'];
fliplr(c)
flipud(c)
class(c)
isempty(c)
r = repmat('ab', 3, 1)
