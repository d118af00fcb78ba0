1;
function r = twice(f, x)
  r = f(f(x));
end
disp(twice(@(x) x + 3, 1)); disp(twice(@sqrt, 16))
