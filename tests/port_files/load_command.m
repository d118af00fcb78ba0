load ex1data.txt
ex1data
load('ex1data.txt');
m = mean(ex1data)
