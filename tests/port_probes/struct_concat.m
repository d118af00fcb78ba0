p.x = 3; p.y = 0; q.y = 5; q.x = 1;
t = [p, q];
[m, i] = min([t.x])
t(2)
size([p; q; p])
