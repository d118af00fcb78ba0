s = num2str([1.5 2.25; 3 4])
t = num2str([1 -2 3])
