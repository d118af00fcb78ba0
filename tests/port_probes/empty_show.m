a = [], b = zeros(1,0), c = zeros(0,3), d = ''
f = int8([])
s = 'abc'; k = s(1:0)
