c = {1, 'ab'; [1 2], {3}};
celldisp(c)
celldisp({5}, 'x')
s.a = 1; s.b = 'x';
q = struct2cell(s)
t = cell2struct({1; 'y'}, {'p'; 'q'}, 1)
