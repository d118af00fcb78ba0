x = 1:10; y = x(end-2:end)
