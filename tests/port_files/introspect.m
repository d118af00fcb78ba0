x = 3; s = 'hi'; t = true; u = uint8([1 2]); f = single(2.5);
printf('%s %s %s %s %s\n', class(x), class(s), class(t), class(u), class(f));
printf('%d ', isnumeric(x), isnumeric(s), isnumeric(t), isnumeric(u)); printf('\n');
printf('%d ', ischar(s), ischar(x), islogical(t), islogical(x), isreal(x), isreal(s)); printf('\n');
printf('%d ', isa(x, 'double'), isa(x, 'numeric'), isa(x, 'float'), isa(u, 'integer'), isa(u, 'float'), isa(t, 'numeric')); printf('\n');
printf('%d ', exist('x'), exist('sin'), exist('plot'), exist('introspect.m'), exist('nothing_here'), exist('.')); printf('\n');
printf('%d ', isfile('introspect.m'), isfile('nothing_here'), isfile('.')); printf('\n');
c = class(x)
isnumeric(u)
