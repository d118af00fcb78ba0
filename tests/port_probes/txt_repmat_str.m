r = repmat('ab', 2, 2)
q = r(2, :)
