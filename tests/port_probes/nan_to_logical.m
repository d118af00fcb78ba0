try, d = ~NaN, catch e, disp(e.message), end
try, d = !([1 NaN]), catch e, disp(e.message), end
try, d = NaN & 1, catch e, disp(e.message), end
try, d = [1 NaN] | [0 0], catch e, disp(e.message), end
try, d = logical([1 NaN]), catch e, disp(e.message), end
try, if [1 NaN], disp(1), else, disp(0), end, catch e, disp(e.message), end
d = ~[1 0 2], f = [1 0] | [0 0], g = logical([2 0 -1])
