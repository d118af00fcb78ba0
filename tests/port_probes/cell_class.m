c = {1}; k = class(c), t = iscell(c), f = iscell(1)
