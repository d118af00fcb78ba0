c = {}; c{end+1} = 1; c{end+1} = 'two'; c{end+1} = [3 4]
