x = lsqnonneg([1 0; 0 1; 1 1], [1; 2; 1])
[x, resnorm] = lsqnonneg([1 2; 3 4; 5 6], [1; 1; 1]);
printf('%.4f %.4f %.4f\n', x, resnorm);
o = optimset('TolX', 1e-8, 'MaxIter', 50);
printf('%g %d\n', optimget(o, 'TolX'), optimget(o, 'MaxIter'));
