s = eye(2)*1e6
r = eye(2) * 0.1
