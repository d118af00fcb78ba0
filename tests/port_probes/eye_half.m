a = eye(2)*0.5
