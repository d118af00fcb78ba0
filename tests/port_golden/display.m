x = 5
y = 2.5
s = 'text'
b = true
x
3 + 4
z = [];
