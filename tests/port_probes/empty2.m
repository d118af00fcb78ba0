x = zeros(0,3)
