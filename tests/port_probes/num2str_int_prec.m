s = num2str(int16([5 -7 300]), 2)
