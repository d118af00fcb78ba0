1;
function r = addto(a, b=10)
  r = a + b;
end
function r = given(a, b=2)
  r = nargin;
end
disp(addto(1))
disp(addto(1, 2))
disp(given(5))
