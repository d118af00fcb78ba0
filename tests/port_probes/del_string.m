s = 'hello'; s([1 5]) = []
