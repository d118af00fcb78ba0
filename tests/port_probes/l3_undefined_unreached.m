x = 5;
switch true
  case x < 6
    disp('less than 6')
  case y == 3
    disp('y')
end
if x > 6
  disp(zz)
elseif x < 100 || undefined_w
  disp(1)
end
1;
function r = never_called()
  r = not_defined_anywhere + 1;
end
for k = 1:2
  disp(k)
end
