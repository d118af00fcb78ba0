% edge cases of inv, det, \, pinv, svd and null: NaN and Inf entries, zero matrices
a = inv([1 NaN; 2 3])
b = inv([Inf 1; 1 1])
c = det([NaN 1; 1 1])
d = [1 2; 3 4] \ [Inf; 1]
e = pinv(zeros(3))
f = pinv([1 2; 3 4], 0.5)
[U, S, V] = svd(zeros(2, 3))
g = inv(-0)
h = det(zeros(3))
k = inv(diag([2 4 8]))
l = [2 0; 0 4] \ [1; 1]
m = inv([1 0; 0 0])
n = pinv([1; 2; 3])
o = null([1 1; 1 1])
