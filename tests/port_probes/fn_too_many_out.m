1;
function a = g(x)
  a = x;
end
[p, q] = g(1)
