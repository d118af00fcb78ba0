1;
function dy = decay(t, y)
  dy = -2 * y;
end
[t, y] = ode45(@decay, [0 0.5 1], 1); printf('%.4f %.4f\n', [t y]');
