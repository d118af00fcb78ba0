x = 1
if x > 0
  return
end
y = 2
