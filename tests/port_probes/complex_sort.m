[s, i] = sort([1i, -1i, 1, -1, -1-0i, 3+4i, -5])
[s2, i2] = sort([3+1i, -4, 1-1i, 2i], 'descend')
s3 = sort([2+1i 1; -1i 3i], 2)
