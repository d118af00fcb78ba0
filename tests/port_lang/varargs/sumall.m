function [s, varargout] = sumall(varargin)
  s = 0;
  for k = 1:nargin
    s = s + varargin{k};
  end
  varargout{1} = nargin;
end
