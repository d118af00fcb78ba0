w = exp(1i*pi*(0:3)/2); d = diff(w), k = kron([1 1i], [1; 2]), fl = fliplr(w), nz = nnz([w 0])
t = trace([1 2; 3 4] + 1i*[0 1; 1 0]), d2 = diag([1 1i; 2 3]), r = repmat([1i 2], 2, 1)
c = circshift(w, 1), tr = triu([1 1i; 2 3]), rs = reshape([1i 2 3 4], 2, 2)
a = [1+1e-50i, 2], b = [2.0000001 + 1i, 3], e = [NaN + 0.99999999999999989i, 1]
