X = magic(4);
X'(1,:)
X.'(2,:)
z = size(X')(2)
w = X'(1,:) * [1;2;3;4]
v = [1 2 3]'(2)
theta = [1; 2; 3]; grad = zeros(3, 1);
grad(1,1) = (1/4) * X'(1,1:3) * theta
