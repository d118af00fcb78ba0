f = @(varargin) numel(varargin);
f()
g = @(varargin) varargin
g()
g(1, 'a')
h = @(x, varargin) x + numel(varargin);
h(1, 2, 3)
nargin(h)
nargin(g)
k = @(varargin) max(varargin{:});
k([1 5 2])
k(3, 4)
p = @(fmt, varargin) sprintf(fmt, varargin{:});
s = p('%d-%d|', 1, 2, 3)
nargin(@(a, b, varargin) 0)
c = cellfun(@(varargin) numel(varargin), {1, 2})
q = @(varargin) varargin{end};
q(7, 8, 9)
r = @(x, varargin) x;
r(4)
