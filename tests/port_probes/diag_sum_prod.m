e = eye(2)-eye(2)
f = eye(2)*eye(2)
d = eye(2)+0
