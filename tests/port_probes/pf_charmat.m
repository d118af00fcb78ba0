c = ['ab';'cd'];
fprintf('%s\n', c)
s = sprintf('%c-', c)
fprintf('%d ', c); disp('')
n = num2str([1;2]); fprintf('[%s]\n', n)
