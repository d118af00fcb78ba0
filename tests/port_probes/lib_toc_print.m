tic;
x = toc;
printf('%d\n', x >= 0);
t0 = clock;
disp(numel(t0))
e = cputime;
disp(e >= 0)
