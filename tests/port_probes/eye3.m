I = eye(3)
