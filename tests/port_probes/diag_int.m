k = eye(2)*int8(3)
l = eye(2) * true
