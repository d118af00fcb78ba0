i = 0;
do
  i = i + 1;
  if i == 2, continue; end
  if i == 5, break; end
  printf('%d ', i);
until i >= 10
printf('\n');
n = 0;
do n = n + 1; until n > 3
n
k = 10;
do
  k = k - 3;
until k < 100
k
