x = 3.14159;
disp(['Value: ' num2str(x)])
disp(['x = ', num2str(x, 4)])
fprintf('%s\n', num2str(pi))
s = ['Iter ' int2str(5) ': cost ' num2str(0.123456)]
msg = sprintf('Accuracy: %.2f%%', 95.5)
fprintf('Mean: %f\n', mean([1 2 3 4]))
names = 'abc';
fprintf('Name: %s, len %d\n', names, length(names))
v = [1 2 3];
disp(['v = [' num2str(v) ']'])
fprintf('v = %s\n', mat2str(v))
theta = [-3.6303; 1.1664];
fprintf('Theta: %f %f\n', theta)
fprintf('%f\n', theta)
disp(theta')
r = str2double('42') + 1
n = str2num('3') * 2
t = strtrim('   padded   ')
u = upper(t)
k = strrep('hello world', 'world', 'there')
fprintf('Cost at theta = [%s] is %f\n', num2str(theta'), 4.4)
z = num2str(1:5)
w = num2str(theta)
