c = {1, 'two'; [3 4], {5}}; disp(c)
