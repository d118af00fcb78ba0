function bump(k)
  global counter
  counter = counter + k;
end
