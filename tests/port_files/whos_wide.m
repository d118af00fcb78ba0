a_very_long_variable_name = zeros(1000, 20);
b = int32([1 2 3]);
x = 1;
whos
who
v01 = 1; v02 = 2; v03 = 3; v04 = 4; v05 = 5; v06 = 6; v07 = 7; v08 = 8; v09 = 9; v10 = 10;
v11 = 1; v12 = 2; v13 = 3; v14 = 4; v15 = 5; v16 = 6; v17 = 7; v18 = 8; v19 = 9; v20 = 10;
clear_me = 1;
who v*
who
