1;
function dy = growth(t, y, r, K)
  dy = r * y * (1 - y / K);
end
[t, y] = ode45(@growth, [0 1], 2, 1.5, 10); printf('%d %.4f\n', numel(t), y(end));
x = fminsearch(@(p, c) sum((p - c).^2), [0 0], [], [1 2]); printf('%.3f %.3f\n', x);
