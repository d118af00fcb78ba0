o = optimset('tolx', 1, 'MaxIter', 3)
o2 = optimset(o, 'TolFun', 2); t = o2.TolFun
