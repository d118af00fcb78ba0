x = 1;
try
  error('first:id', 'caught %d', x);
catch err
  disp(err.message);
end
disp('before');
  y = x + 2; error('Pkg:final', 'final %s at %d', 'failure', y);
disp('not reached');
