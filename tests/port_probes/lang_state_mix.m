1;
function out = counter_demo()
  persistent n;
  if isempty(n)
    n = 0;
  end
  n++;
  out = n;
end
function varargout = sizes(varargin)
  for k = 1:nargin
    varargout{k} = numel(varargin{k});
  end
end
for i = 1:3
  c = counter_demo();
end
printf('%d\n', c);
[a, b] = sizes([1 2 3], 'hello')
global CONFIG
CONFIG.verbose = true;
CONFIG.level = 2;
function report()
  global CONFIG
  if CONFIG.verbose
    printf('level %d\n', CONFIG.level);
  end
end
report();
eval('q = 1 + 1;'); disp(q)
if exist('q', 'var'), disp('q exists'); end
