A = [1 2 3; 4 5 6];
if size(A)(1) == 2
  disp(size(A)(2))
end
x = max([3 9 4])(1)
v = sort([3 1 2])([1 3])
