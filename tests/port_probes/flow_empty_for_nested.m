for a = 1:3, if a > 1, disp(size(b)), end, for b = 2:a-1, end, end
for c = cell(1,0), end, c
