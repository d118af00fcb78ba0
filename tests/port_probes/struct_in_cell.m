c = {struct('a', 1), 2}
