a = inv(eye(2))
g = eye(2)'
