h = eye(2).*2
m = sqrt(eye(2)), n = abs(eye(2))
