1;
function check(x)
  if x < 0
    error('check:negative', 'x must be >= 0, got %d', x);
  end
  printf('ok %d\n', x);
end
for v = [2 -1 3]
  try
    check(v);
  catch err
    msg = ['caught: ' err.message];
    disp(msg);
    disp(err.identifier);
  end
end
