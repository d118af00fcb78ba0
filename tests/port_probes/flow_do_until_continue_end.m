j = 0;
do
  j = j + 1;
  if j >= 3, continue; end
  disp(j)
until j >= 3
disp(j)
