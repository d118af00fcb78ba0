t = min(int8([1 -5])), u = max([true false]), v = max('abc')
