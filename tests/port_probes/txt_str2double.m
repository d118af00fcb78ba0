n = str2double('3.5e2'), o = str2double('abc'), p = str2double(' -Inf ')
d = str2double('1,000'), e = str2double('.5'), f = str2double('1e')
g = str2double('+.5e-1'), h = str2double(5), r = str2double('- 1')
