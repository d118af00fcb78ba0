1;
function r = f(n)
  n++;
  --n;
  n--;
  r = n;
end
x = 1;
x++
++x
x--
--x;
disp(x)
v = [1 2];
v++;
disp(v)
v(2)++;
disp(v)
s.a = 1;
s.a++
x = 5;
x++;
ans
x
++x;
ans
disp(f(10))
