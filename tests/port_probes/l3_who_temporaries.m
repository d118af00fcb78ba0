a = b = 1;
[c(2), d] = deal(1, 2);
switch a
 case 1
  z = 1;
end
who
_x = 3;
who
