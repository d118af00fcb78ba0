1;
function show(x)
  printf('<%d>\n', x);
end
show(4)
show(5);
