1;
function r = wrap(varargin)
  r = inner(varargin{:});
end
function r = inner(a, b)
  r = a * 10 + b;
end
disp(wrap(1, 2))
f = @wrap;
disp(f(3, 4))
disp(nargin('wrap'))
disp(nargin(@wrap))
varargin = 3
