function r = countdown(n)
  if n == 0
    r = 0;
  else
    r = n + countdown(n - 1);
  end
end
