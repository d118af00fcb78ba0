c = cell(2, 2)
