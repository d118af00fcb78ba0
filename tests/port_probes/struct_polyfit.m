[p, S] = polyfit([1 2 3 4], [2 4 7 9], 1); f = fieldnames(S)', d = S.df
