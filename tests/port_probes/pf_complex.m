fprintf('%f %f\n', [1+2i 3-4i])
s = sprintf('%g,', [1+2i; 3])
fprintf('%f\n', 2i)
