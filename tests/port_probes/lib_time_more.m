t0 = clock;
e = 0;
disp(e >= 0 && e < 5)
c = cputime; disp(c > 0)
id = tic; disp(class(id))
x = toc(id); disp(class(x))
