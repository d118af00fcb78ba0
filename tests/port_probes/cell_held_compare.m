[a, b] = deal('xy');
t = a == b
c = {'ab', 5};
x = c{1};
y = x == 'ab'
n = c{2};
z = n + 1
