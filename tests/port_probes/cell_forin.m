for x = {1, 'b'}
  x
end
