s.list = {}; s.list{end+1} = 'a'; s.list{end+1} = 'b'; s
