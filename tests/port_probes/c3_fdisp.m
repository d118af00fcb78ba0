fdisp(stdout, [1 2; 3 4]); fid = fopen('c3_fdisp.txt', 'w'); fdisp(fid, [0.5 2]); fdisp(fid, 'ab');
fclose(fid); printf('[%s]\n', fileread('c3_fdisp.txt'));
