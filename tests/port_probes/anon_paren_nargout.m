1;
function [v, g] = cost(t, k)
  v = k * (t - 1)^2; g = 2 * k * (t - 1);
end
f = @(t) (cost(t, 3)); [a, b] = f(2)
x = fminunc(@(t) (cost(t, 1)), 3, optimset('GradObj', 'on')); printf('%.4f\n', x);
