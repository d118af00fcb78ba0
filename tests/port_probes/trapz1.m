t = trapz([1 2 3])
