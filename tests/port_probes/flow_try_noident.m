try
  error('X:y', 'no identifier %d', 7);
catch
  disp(lasterr);
end
try, disp('nothing fails'), catch, disp('never'), end
try
  error('ignored');
end
disp('after a try without catch')
