assert(true)
assert(3 == 3, 'never')
s = 'border';
assert(s, 'border')
assert([1 2 3], [1 2 3])
assert(pi, 3.14159, 1e-5)
assert([1 NaN], [1 NaN])
assert(100, 101, -0.02)
assert({1, 'a'}, {1, 'a'})
x = 0.1 + 0.2;
assert(x, 0.3, eps)
disp('all held')
