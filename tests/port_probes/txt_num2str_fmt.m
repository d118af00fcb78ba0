b = num2str(3, '%8.3f'), c = num2str([1 2 3], '%d,')
d = num2str([1 2; 3 4], '%d')
