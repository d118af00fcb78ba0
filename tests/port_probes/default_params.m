1;
function r = scaled(x, k = 2, offset = k + 1)
  printf('nargin = %d\n', nargin);
  r = x * k + offset;
end
function g = lacz(a, cg=7)
  g = a + cg;
end
disp(scaled(1))
disp(scaled(1, 5))
disp(scaled(1, 5, 0))
disp(lacz(3))
disp(lacz(3, 1))
