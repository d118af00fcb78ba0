n = cellfun(@length, {'ab', 'cde', ''})
