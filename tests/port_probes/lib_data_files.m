M = [1 2 3; 4.5 5 6];
csvwrite('m.csv', M);
disp(fileread('m.csv'))
A = csvread('m.csv')
dlmwrite('m.txt', M, ' ');
disp(fileread('m.txt'))
B = dlmread('m.txt')
dlmwrite('t.txt', M, 'delimiter', '\t', 'precision', 3);
disp(fileread('t.txt'))
C = dlmread('m.csv', ',', 1, 0)
D = load('m.txt')
save -ascii a.txt M
E = load('a.txt')
x = 5; s = 'abc';
save('v.mat', 'x', 's');
S = load('v.mat')
e1 = exist('v.mat')
e2 = exist('nope.txt')
e3 = exist('sin')
f1 = isfile('v.mat')
