x = log10([-1 0; -1 -0; -17 123.456]), y = log10([0.5 NaN; -1 1e-3; Inf 0.1]), z = log([0.5 1/3 -0; 1 pi 2; 10 -1 -1])
w = log2([1/3 2 -2.5; 1e5 2 NaN; 123.456 -Inf 2]), s = log(-1), t = log2(-8), u = log10(-100), v = log(-0)
format long
printf("%.20g %.20g\n", real(log10(-7)), imag(log10(-7)), imag(log2(-3)), imag(log(-2)))
c = log([1+2i, -1])
