1;
function r = addall(varargin)
  printf('nargin=%d numel=%d\n', nargin, numel(varargin));
  r = 0;
  for k = 1:numel(varargin)
    r = r + varargin{k};
  end
end
function show(a, varargin)
  printf('a=%d nargin=%d\n', a, nargin);
  disp(size(varargin));
  if nargin > 1
    disp(varargin{end});
  end
end
x = addall(1, 2, 3)
y = addall()
show(5)
show(5, 'x', 7)
c = {4, 5};
z = addall(c{:})
