x = 3;
if x > 2 && x < 5
  disp('middle')
elseif x >= 5 || x == 0
  disp('big or zero')
else
  disp('small')
endif
if ~(x == 3)
  disp('not three')
end
