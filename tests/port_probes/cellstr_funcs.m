c = strtrim({' a ', 'b  '}), u = upper({'ab', 'Cd'}), r = strrep({'aXa', 'X'}, 'X', '-')
w = strtrim(strsplit('x , y ,z', ','))
