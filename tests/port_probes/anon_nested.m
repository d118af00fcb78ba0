add = @(x) @(y) x + y; inc = add(1); disp(inc(5))
add
inc
