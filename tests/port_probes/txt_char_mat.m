c = ['ab'; 'cd'], size(c)
d = c(2, :), e = c(:, 1)
