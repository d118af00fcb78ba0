g = @sin; y = g(0)
h = @max; [m, i] = h([1 5 2])
disp(feval('cos', 0)); disp(feval(@cos, 0)); disp(func2str(g)); g
