tic;
x = toc;
disp(x >= 0 && x < 5)
id = tic;
t = toc(id);
disp(t >= 0)
c = clock;
disp(size(c))
disp(c(1) >= 2020)
ct = cputime;
disp(ct >= 0)
