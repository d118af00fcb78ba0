1;
function f(v)
  display(v)
end
f(3)
for k = 1:2
  display(k)
end
