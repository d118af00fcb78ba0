y = feval(@cos, 0)
