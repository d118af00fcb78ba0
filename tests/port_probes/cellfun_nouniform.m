c = cellfun(@numel, {'ab', 'c'}, 'UniformOutput', false)
