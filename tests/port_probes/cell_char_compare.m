c = {'abc', 'abd', 5};
x = c{1} == c{2}
y = c{3} + 1
z = c{1} + 0
s.name = 'ab';
t = s.name == s.name
if c{1} == c{1}
  disp('same')
end
