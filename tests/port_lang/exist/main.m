1;
function r = loc()
  r = 1;
end
exist('loc')
exist('ff')
exist('ff', 'file')
exist('data.txt')
exist('data.txt', 'file')
exist('sub', 'dir')
exist('nofile.txt')
exist('OCTAVE_VERSION', 'builtin')
exist('OCTAVE_VERSION')
exist('pi')
x = 3;
exist('sin', 'var')
exist('loc', 'file')
