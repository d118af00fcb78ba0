y = eye(2) + 0
