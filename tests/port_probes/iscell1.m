c = {}; t = iscell(c)
