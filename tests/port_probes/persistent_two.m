1;
function r = tick()
  persistent a b
  if isempty(a), a = 1; b = 10; end
  a = a + 1; b = b * 2;
  r = a + b;
end
tick()
tick()
