warning('careful %d', 3); disp('after')
