function show_g()
  global G
  printf('%d\n', G);
end
