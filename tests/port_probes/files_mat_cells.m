x = 1; z = {1, 'a'; [1 2], {2}}; s.a = 2; s.b = 'txt'; t(2).v = 3;
save f.mat; clear all; d = load('f.mat'); disp(fieldnames(d)'), d.z, d.s, size(d.t), d.t(2)
save g.mat d; clear all; e = load('g.mat'); isequal(e.d.z{2,2}, {2}), class(e.d.t)
