c = num2str([1;22]); d = c == ' '
e = c + 0
f = c(:, end) - '0'
