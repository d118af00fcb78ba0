1;
function n = counter()
  persistent k
  if isempty(k)
    k = 0;
  end
  k = k + 1;
  n = k;
end
function r = memo(x)
  persistent cache;
  if isempty(cache), cache = []; end
  cache(end+1) = x;
  r = numel(cache);
end
counter();
counter();
disp(counter())
for i = 1:3
  m = memo(i * 10);
end
m
