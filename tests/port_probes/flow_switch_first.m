x = 3;
switch x
  % a comment before the first case
  case 3
    disp('first')
  case 3
    disp('second')
end
switch x
  otherwise
    disp('only otherwise')
end
switch x
end
y = x
