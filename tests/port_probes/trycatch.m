try, error('my:id', 'value %d bad', 5); catch err, disp(err.message); disp(err.identifier); end
