1;
function k = last(n), k = -1; for k = 1:n, end, end
disp(last(3)), disp(size(last(0)))
