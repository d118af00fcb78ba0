fprintf('%d %d\n', [1 2; 3 4])
s = sprintf('%d,', [1 2; 3 4])
r = sprintf('%d-%d\n', 1:5)
fprintf('%d %d\n', 1, 2, 3); disp('|')
