x = [1.5 NaN; -Inf 2]
