x = [0 30 45 60 90 180 270 360 -90 1e-3];
s = sind(x)
c = cosd(x)
t = tand([0 45 90 135 180 -45])
sc = [secd(60) cscd(30) cotd(45)]
a = [asind(0.5) acosd(0.5) atand(1) asecd(2) acscd(2) acotd(2)]
printf('%.17g\n', sind(30), cosd(60), tand(45), asind(0.5), atand(1));
g = gammaln([0.5 1 10 100])
[p, k] = factor(72)
[p1, k1] = factor(7)
