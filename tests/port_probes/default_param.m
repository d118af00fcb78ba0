1;
function r = addto(a, b=10)
  r = a + b;
end
disp(addto(1))
disp(addto(1, 2))
