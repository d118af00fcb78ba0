printf('%d %d\n', exist('OCTAVE_VERSION', 'builtin'), exist('OCTAVE_VERSION'));
v = OCTAVE_VERSION
t = fileread('ex1data.txt');
printf('%d [%s]\n', length(t), t(1:6));
printf('%d %d %d\n', isdir('.'), isfolder('nothing'), exist('version_fileread'));
