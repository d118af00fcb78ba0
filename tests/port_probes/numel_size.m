A = zeros(3, 4); n = numel(A), [r, c] = size(A)
