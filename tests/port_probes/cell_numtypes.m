z = {[1+2i, 3-4i], single(2.5), uint8([1 200]), 'c', -5, pi, 1e10, NaN, [NaN 1], [1e-3 1]}
