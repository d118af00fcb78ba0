a = isinf([1 Inf -Inf NaN])
b = isnan([1 NaN; 2 3])
c = isfinite(5)
d = sum(isinf([1 2])) == 0
e = isnan(1/0 - 1/0)
