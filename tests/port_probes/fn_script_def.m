1;
function r = sq(x)
  r = x^2;
end
y = sq(3)
