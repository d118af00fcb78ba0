c = {1, [], 'abc', ''}; e = cellfun('isempty', c), n = cellfun('length', c), m = cellfun(@numel, c)
