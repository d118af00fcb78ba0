I = eye(3)+1
