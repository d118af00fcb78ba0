format long
q1 = quad(@(x) sin(x), 0, pi)
q2 = quad(@(x) exp(-x.^2/2)/sqrt(2*pi), 4.5, 10)
q3 = quad(@(x) 1./(1+x.^2), 0, 1)
q4=quad(@(x) x.^3, 0, 2)
[q, ier, nf, err] = quad(@(x) log(x), 0, 1)
[q, ier, nf, err] = quad(@(x) sqrt(x).*cos(30*x), 0, 3)
