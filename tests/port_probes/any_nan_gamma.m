a1 = any(NaN), a2 = any([0 NaN]), a3 = all(NaN), a4 = all([1 NaN]), a5 = any([NaN; 0]), a6 = any([NaN 1; 0 0])
a7 = any([NaN NaN], 2), a8 = any([NaN 1], 2), a9 = all([NaN 0])
b1 = gamma(-0), b2 = gamma([0 -0 -Inf Inf -1 -2.5 NaN 0.5])
