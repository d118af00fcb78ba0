1;
function check(x)
  if x < 0
    error('check:negative', 'x must be >= 0, got %d', x);
  end
end
try
  check(-2);
catch err
  err
  disp(err.stack(2))
end
