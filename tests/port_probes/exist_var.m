1;
function r = f(a, b)
  if ~exist('b', 'var')
    b = 10;
  end
  r = a + b;
end
disp(f(1))
disp(f(1, 2))
for k = 1:2
  printf('%d\n', exist('z'));
  z = k;
end
if ~exist('cfg', 'var'), cfg = 3; end
cfg
exist('cfg')
isOctave = exist('OCTAVE_VERSION', 'builtin') ~= 0
