1;
function add_one(m, k)
  m(k) = m(k) + 1;
end
m = containers.Map({'apple','banana','cherry'}, [3 5 7]);
add_one(m, 'banana');
disp(m('banana'))
m.values({'cherry','apple'})
tf = m.isKey({'apple'; 'kiwi'})
m.isKey('kiwi')
m.remove('apple');
m.Count
ks = m.keys;
for i = 1:numel(ks)
  printf('%s -> %d\n', ks{i}, m(ks{i}));
end
m('zeta') = 1; m('Alpha') = 2;
keys(m)
q = containers.Map('KeyType','int32','ValueType','any');
q(int32(5)) = 'five'; q(2) = [1 2];
keys(q)
class(q.keys(){1})
w = containers.Map([10 2 33], {'a','b','c'});
w.keys()
w(2)
try
  w('x')
catch e
  disp(e.message)
end
try
  m(3)
catch e
  disp(e.message)
end
try
  containers.Map('KeyType','cell','ValueType','any');
catch e
  disp(e.message)
end
try
  r = containers.Map('KeyType','char','ValueType','double');
  r('a') = 'str';
catch e
  disp(e.message)
end
r = containers.Map('KeyType','char','ValueType','double');
r('a') = int8(4);
class(r('a'))
s.map = containers.Map();
s.map('x') = 5;
s.map.Count
isempty(containers.Map())
size(m)
[a, b] = size(m)
u = containers.Map({'a','b'}, {1, 2}, 'UniformValues', false);
u.ValueType
v = containers.Map(1, 'one');
v.KeyType
v(1)
x = containers.Map({'k'}, {{1, 2}});
class(x('k'))
mm = containers.Map({'b','a'}, {1, 2});
disp(mm)
values(mm)
isobject(mm), isobject(5)
