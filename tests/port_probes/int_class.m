x = int8(-128) - 1; disp(class(x)); disp(x)
