s = struct('a', {1, 2}); disp(s)
