r = mat2str([1 2 3]), s = mat2str([1;2]), t = mat2str(pi, 4)
u = mat2str([true false]), w = mat2str([]), z = mat2str([NaN Inf -Inf])
z2 = mat2str([1 2;3 4] > 2), z4 = mat2str([0.1 1/3], 3), z6 = mat2str(1e-5)
