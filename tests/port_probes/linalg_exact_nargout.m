% [X, rcond] = inv(A) and [d, rcond] = det(A): no warning, Octave's rcond per path
format long
[d, r] = det([2 1; 0 3])
[d2, r2] = det([4 1; 1 3])
[d3, r3] = det([1 2; 3 4])
[d4, r4] = det([1 2; 2 4])
[x, r5] = inv([1 2; 3 4])
[x2, r6] = inv([1 2; 2 4])
[x3, r7] = inv(4)
[x4, r8] = inv(diag([2 4]))
[x5, r9] = inv([4 1; 1 3])
[x6, r10] = inv([2 1; 0 3])
[x7, r11] = inv(magic(4));
r11
[d5, r12] = det(diag([2 4]))
