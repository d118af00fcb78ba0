k = 0; while true, k = k + 1; if k > 4, break; end, end, k
