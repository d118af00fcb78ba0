g = max([1 5], [3 2]), h = max([1 NaN], [NaN NaN])
k = max([1 2; 3 4], 2.5), a = max([1 2], [0; 3])
