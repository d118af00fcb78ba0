1;
function setg(v)
  global G
  G = v;
end
global G
G
isempty(G)
setg(7);
G
global A B
A = 1; B = 2;
disp(A + B)
