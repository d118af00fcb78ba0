v = [0.1+0.2i, 0.3+0.7i, 1/3+1i/7, 1e-3+5i, 2.2-1.1i, 7/9+1i/13];
printf("%.20g\n", norm(v), norm(v, 1), norm(v, Inf), norm(v, 3), norm(v, 'fro'), norm([v;v], 1), norm([v;v], 'fro'), norm([v;v], Inf), norm(v', 2), norm(v, -Inf))
