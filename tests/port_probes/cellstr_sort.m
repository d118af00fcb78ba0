[s, k] = sort({'pear'; 'Apple'; 'fig'}, 'descend')
t = sort({'b', 'a'})
