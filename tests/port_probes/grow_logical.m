% a variable first made by assigning a logical element is logical
1;
function b = evens(n)
  for k = 1:numel(n)
    b(k) = mod(n(k), 2) == 0;
  end
end
p = 1:8;
disp(p(evens(p)))
q(3) = true
