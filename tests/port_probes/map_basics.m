m = containers.Map()
m('b') = 1; m('a') = [1 2 3];
m
keys(m)
values(m)
m.keys()
m.Count
m.isKey('a')
isKey(m, {'a', 'zz'})
x = m('a')
m2 = m; m2('c') = 'new'; m.Count
remove(m, 'b'); m.keys()
n = containers.Map({'x','y','z'}, {10, 'twenty', [3 3]});
n('y')
values(n, {'z', 'x'})
p = containers.Map([3 1 2], {'three', 'one', 'two'});
p.keys()
p(1)
class(p)
q = containers.Map('KeyType','double','ValueType','double');
q(5) = 2.5; q(1) = 7;
cell2mat(values(q))
length(n), numel(n)
isobject(n)
k = n.keys; disp(k{1})
try
  n('nope')
catch e
  disp(e.message)
end
r = containers.Map('one', 1)
n.KeyType
n.ValueType
q.ValueType
s = containers.Map({'a','b'}, [5 6]);
s('b')
s.ValueType
