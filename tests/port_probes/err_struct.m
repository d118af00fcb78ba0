try
  error('my:id', 'bad %d', 3);
catch err
  disp(isstruct(err))
  disp(class(err))
  disp(fieldnames(err))
  e2 = err;
  disp(e2.message)
end
