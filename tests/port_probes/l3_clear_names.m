a1 = 1; a2 = 2; b = 3; c = 'x';
clear a*
who
d = 4;
clear -x b
who
clear b
who
x = 5; y = 6;
clear('x')
who
z = 7;
clearvars
who
q = 1;
clear variables
who
w = 2;
clear -v
exist('w')
e = 3; f = 4;
clear e f
exist('e') + exist('f')
