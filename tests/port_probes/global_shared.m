1;
function bump()
  global counter
  counter = counter + 1;
end
function r = readg()
  global counter
  r = counter * 2;
end
global counter
counter = 5;
bump();
bump();
counter
disp(readg())
