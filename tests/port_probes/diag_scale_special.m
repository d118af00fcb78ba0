a = eye(2)/0
b = eye(2)*Inf, t = eye(2)*NaN
