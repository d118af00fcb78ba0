try
  try
    error('inner:id', 'inner %s', 'text');
  catch e1
    disp(['first catch: ' e1.message]);
    rethrow(e1);
  end
catch e2
  printf('%s / %s\n', e2.identifier, e2.message);
end
try
  try
    error('a:b', 'again');
  catch e3
    error(e3);
  end
catch e4
  disp(e4.identifier)
end
