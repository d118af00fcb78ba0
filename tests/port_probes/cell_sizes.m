c = {1, 2, 3; 4, 5, 6}; n = numel(c), s = size(c), l = length(c), e = isempty(c), e2 = isempty({})
