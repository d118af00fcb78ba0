1;
function r = getg()
  global H
  r = H;
end
x = getg()
size(x)
