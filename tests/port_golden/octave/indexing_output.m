a = 1:0.5:2
b = 0:0.25:1
c = -1:0.5:1
x = (1:3) * 2
m = [1 2; 3 4];
m(2, :) = [7 8]
m(:, end+1) = [5; 6]
q = m(:)'
r = zeros(2, 3);
r(2, 3) = 4.5
n = numel(r)
[rr, cc] = size(r)
v = [];
for i = 1:5
  v(i) = i^2;
end
v
disp(v(2:end))
printf('%5.2f %s\n', 3.14159, 'pi');
fprintf('%d apples and %d oranges\n', 3, 4);
s = sprintf('%d-', [1 2 3])
t = ['abc', 'def']
l = v > 4
mx = max(v)
[mv, mi] = max([3 9 2])
mean([1 2; 3 4])
abs(-3)
k = mod(-7, 3)
if ~isempty(v) && numel(v) == 5, disp('five'), end
w = 10;
while w > 1
  w = w / 2;
  if w < 3
    break
  end
end
w
