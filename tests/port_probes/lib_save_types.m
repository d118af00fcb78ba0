a = 0:0.3:1; b = (1:3)*2; c = int8([1 2; 3 4]); d = true(1,2); e = ''; f = ['ab'; 'cd']; g = 1+2i; h = [1 2i]; k = zeros(0,3); m = {1, 'x'}; st.a = 1; u = single(1.5); r = -(1:3); w = 5:-1:1; z = 0.1;
save -text x.txt a b c d e f g h k u r w z
t = fileread('x.txt');
k = find(t == sprintf('\n'), 1);
printf('%s', t(k+1:end));
h = t(1:k-1);
disp(strncmp(h, '# Created by Octave 7.3.0, ', 27))
disp(h(end) == '>')
