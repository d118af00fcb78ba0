1;
function varargout = wrap(varargin)
  [varargout{1:nargout}] = max(varargin{:});
end
[m, i] = wrap([3 9 2])
m = wrap([3 9 2])
wrap([3 9 2])
