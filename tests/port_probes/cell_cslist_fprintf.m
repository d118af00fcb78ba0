c = {'one', 'two', 'three'}; fprintf('%s\n', c{:});
