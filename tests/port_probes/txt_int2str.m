l = int2str(2.5), m = int2str([1.5 -2.5 3.49])
n = int2str([1.5 -2.5; 3.49 NaN])
