1;
function f(x)
  warning('in f %d', x);
  disp('f done');
end
f(2)
x = 3; y = 4, warning('two');
warning off
warning('hidden');
warning on
warning('off', 'backtrace');
warning('no trace');
error("final\n");
