function set_g(v)
  global G
  G = v;
end
