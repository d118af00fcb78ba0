1;
function s = bump(s)
  s.count = s.count + 1;
  s.log{end+1} = sprintf('n=%d', s.count);
end
a.count = 0;
a.log = {};
b = bump(a);
b = bump(b);
a
b
