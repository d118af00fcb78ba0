I = eye(3)*2
