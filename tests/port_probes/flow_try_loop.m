x = [1 2 3];
count = 0;
for k = 1:5
  try
    y = x(k);
    count = count + y;
  catch
    printf('index %d failed\n', k);
  end
end
count
