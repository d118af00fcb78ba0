% ismember's index is the LAST occurrence in S (Octave 7), numeric, 'rows' and cellstr
[tf, loc] = ismember([2 3 1 9], [2 3 2 1 3 2])
[tf2, loc2] = ismember([1 2; 3 4], [1 2; 3 4; 1 2; 3 4], 'rows')
[tf3, loc3] = ismember({'a', 'b', 'q'}, {'b', 'a', 'b'})
[tf4, loc4] = ismember('b', {'b', 'a', 'b'})
