% The script behind docs/img/port-figure.png:
%   octakd run docs/img/port-figure.m --figures /tmp/out && cp /tmp/out/figure1.png docs/img/port-figure.png
x = linspace(0, 10, 40);
y = 2 * sin(x) + 0.5 * x + 0.4 * randn(1, 40);
figure;
subplot(1, 2, 1);
plot(x, y, 'rx', 'MarkerSize', 7);
hold on
plot(x, 2 * sin(x) + 0.5 * x, 'b-', 'LineWidth', 2);
grid on
xlabel('x'); ylabel('y');
title('data and model');
legend('samples', 'model', 'Location', 'northwest');
subplot(1, 2, 2);
X = ones(30, 1) * linspace(-2, 2, 30);
Y = linspace(-2, 2, 30)' * ones(1, 30);
surf(X, Y, exp(-(X.^2 + Y.^2)) .* cos(2 * X));
title('surf');
colormap(jet);
