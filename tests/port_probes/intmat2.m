A = magic(4); b = A(:,1); x = A\b
