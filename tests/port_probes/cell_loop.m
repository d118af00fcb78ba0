c = {1, 'a', [2 3]};
for k = 1:numel(c)
  disp(class(c{k}))
end
