s = 'abc'; t = s'
