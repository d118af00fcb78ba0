function clear_g()
  global G fresh
  disp(size(fresh))
  G = G * 10;
end
