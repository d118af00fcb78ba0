% demo
x = 5
y = x / 2;   # half
v = [1 2 3];
s = 0;
for i = 1:numel(v)
  s = s + v(i);
end
printf('%d\n', s);
A = [1 2; 3 4]';
B = A * A
if s > 3 && ~isempty(v)
  disp('big')
elseif s == 0
else
  disp("small\n")
end
w = v(end:-1:1)
k = 1;
while k <= 3, k = k + 1; end
z = -2^-2
c = [v, 4]
t = 'it''s';
%{
block
%}
u = 1:0.5:2
