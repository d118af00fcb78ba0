1;
function bump()
  global total
  total = total + 1;
end
function r = local_total()
  total = 100;
  r = total;
end
global total
total = 1;
bump(); bump();
total
disp(local_total())
total
