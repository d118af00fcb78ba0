d = num2str(123456789012), e = num2str(1e20), f = num2str(0.1+0.2)
h = num2str([0.001 1000])
