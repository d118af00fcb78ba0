1;
function f()
  persistent q
  q
  q = 1;
end
f()
f()
