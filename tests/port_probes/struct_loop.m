s = struct('v', {1, 2, 3}); total = 0;
for k = 1:numel(s)
  total = total + s(k).v;
end
total
