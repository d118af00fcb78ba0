u = unique('hello world')
s = sort('banana')
r = repmat('-', 1, 10)
f = fliplr('abc')
