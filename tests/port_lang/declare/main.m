1;
function r = fact(n)
  persistent calls
  if isempty(calls), calls = 0; end
  calls++;
  if n <= 1
    r = calls;
  else
    r = n * fact(n - 1);
  end
end
function r = scaled(v)
  persistent k
  if isempty(k), k = 3; end
  g = @(x) x * k;
  r = g(v);
end
a = nextid();
b = nextid()
disp(fact(4))
disp(fact(1))
disp(scaled(2))
