eval('a = 1');
eval('b = 2;')
eval('c = 3, d = 4;')
eval('for k = 1:2, disp(k), end')
eval("e = 5")
eval('disp(''q'')')
n = eval('a + b');
n
eval('')
