i = 0; do, i = i + 1; until i >= 3; disp(i)
