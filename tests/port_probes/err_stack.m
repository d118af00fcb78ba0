1;
function g(x)
  if x > 1
    error('Octave:some-id', 'x is %d', x);
  end
end
function f(x)
  g(x + 1);
end
try
  f(2);
catch err
  st = err.stack;
  size(st)
  for k = 1:numel(st)
    printf('%s %d %d\n', st(k).name, st(k).line, st(k).column);
  end
  disp(fieldnames(err))
  disp(isstruct(err))
  e2 = err;
  e2.message
end
try
  error('a:b', 'first');
catch e
  try
    rethrow(e);
  catch e2
    disp(e2.message); disp(e2.stack(1).line)
  end
end
s.message = 'custom'; s.identifier = 'my:x';
try
  error(s);
catch e3
  disp(e3.identifier); disp(e3.message); disp(e3.stack(1).line)
end
try
  error('plain');
catch e4
end
disp(lasterr())
e4.identifier
e4.stack.name
size(e4.stack)
