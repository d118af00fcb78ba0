1;
function f(x)
  error('in f %d', x);
end
f(3)
