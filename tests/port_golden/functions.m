Z = zeros(3);
O = ones(2, 3);
R = rand(2);
N = randn(1, 4);
[r, c] = size(O);
n = numel(O);
m = size(O, 2);
