b = eye(2,3)
