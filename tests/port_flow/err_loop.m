for k = 1:3
  if k == 2, error('MyPkg:sub:id', 'k is %d', k); end
end
