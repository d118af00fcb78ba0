disp(eye(2))
