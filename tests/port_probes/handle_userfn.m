1;
function [s, p] = sp(a, b)
  s = a + b; p = a * b;
end
h = @sp; [s, p] = h(2, 5)
disp(feval('sp', 1, 2)); disp(func2str(h)); h
