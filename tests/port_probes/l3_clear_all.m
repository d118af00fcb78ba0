global G
G = 5;
x = 1;
clear all
who
global G
disp(size(G))
G = 2; t = 3;
clear -g
who
global G
disp(isempty(G))
k = 4; m = 5;
clear -exclusive k
k
clear functions
k
ans = 9;
clear ans
who
