q = cellfun(@length, {'ab', 'cde', ''})
q2 = cellfun('isempty', {1, [], 'a'})
