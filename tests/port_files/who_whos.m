a = 1;
b = [1 2 3];
s = 'hi';
t = true;
u = uint8([1 2]);
who
whos
whos b s
