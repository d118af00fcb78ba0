n = 2;
switch n
  case 1
    r = 'one'
  case 2
    r = 'two'
end
z = r;
