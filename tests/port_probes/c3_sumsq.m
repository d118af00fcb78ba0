a = sumsq([1 2;3 4]), b = sumsq([1 2;3 4], 2), c = sumsq(int8([1 2 3]))
d = sumsq([]), e = sumsq(zeros(0, 3)), g = sumsq(true(2, 2)), h = sumsq(single([0.1 0.2]))
