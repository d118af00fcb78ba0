p = poly([-0.5+1i, -0.5-1i, 2]), p2 = poly([1+2i, 3]), p3 = poly([1+2i, 1-2i, 3])
p4 = poly([1 2; 3 4]), p5 = poly([2i]), p6 = poly([2 1; 1 2])
