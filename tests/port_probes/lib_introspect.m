x = 1; s = 'ab'; c = {1}; b = true; i8 = int8(3);
who
whos
k = class(i8)
t = [isa(i8, 'integer') isa(x, 'float') isa(x, 'numeric') isa(s, 'char') isa(i8, 'int8')]
u = [isnumeric(x) isnumeric(s) ischar(s) islogical(b) isreal(x) isreal(1i) iscell(c)]
disp('after')
