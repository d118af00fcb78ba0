x = [0.1 0.7 1/3 2.9 1e-3 5.5 7/9 0.2 0.3 11.1];
printf("%.20g\n", var(x), std(x), var(x, 1), std(x, 1), var([x; x.^2], 0, 2), var([x; x.^2]), std(Inf), var(NaN, 0, 2), var([1 NaN]), var([3; Inf]))
a = std([1 2; 3 5]), b = var(5), c = var([2 Inf 3])
