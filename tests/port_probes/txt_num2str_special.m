v = num2str([1 NaN Inf]), w = num2str(true), x = num2str([true false])
y = num2str(int8([-5 100]))
