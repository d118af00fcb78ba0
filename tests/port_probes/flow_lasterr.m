e0 = lasterr()
try
  error('first');
catch
end
try
  error('Pkg:id', 'second %d', 2);
catch
end
msg = lasterr()
