1;
function noout(x)
  printf('noout %d\n', x);
end
function varargout = wrap(varargin)
  [varargout{1:nargout}] = noout(varargin{:});
  disp(size(varargout))
end
function varargout = wrap2(varargin)
  [varargout{1:nargout}] = max(varargin{:});
  disp(size(varargout))
end
wrap(3)
wrap2([1 2]);
