x = [1 NaN Inf -Inf]
