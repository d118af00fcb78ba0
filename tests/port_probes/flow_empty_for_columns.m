x = 5;
for x = zeros(2,0), end
x, for s = '', end, class(s)
