c = cell(0,3); c{2} = 1; disp(size(c))
d = cell(1,0); d{3} = 'a'; disp(size(d))
e = cell(2,1); e{3} = 5; disp(size(e))
