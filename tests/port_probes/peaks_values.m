format long
Z = peaks(5)
[X, Y, Z2] = peaks(3);
disp(Y)
z = peaks([0 0.5], [1 2])
sum(sum(peaks()))
max(max(peaks(30)))
