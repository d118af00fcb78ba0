disp(max([1 5 3]))
