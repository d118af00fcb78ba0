d = diff([1 4 9 16])
