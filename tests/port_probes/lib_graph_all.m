x = linspace(0, 2*pi, 20); y = sin(x);
h = figure('visible', 'off');
plot(x, y, 'rx', 'MarkerSize', 8); hold on; plot(x, cos(x), 'b--', 'LineWidth', 2); hold off;
grid on; axis([0 7 -1 1]); xlim([0 6]); ylim([-2 2]); text(1, 0.5, 'hi');
xlabel('x'); ylabel('y'); title('t'); legend('sin', 'cos');
figure('visible', 'off'); subplot(2, 2, 1); bar([1 3 2]); subplot(2, 2, 2); hist(randn(100, 1), 10);
subplot(2, 2, 3); scatter(1:5, [2 1 4 3 5]); subplot(2, 2, 4); stem(1:4, [1 2 1 3]);
figure('visible', 'off'); stairs(1:4, [1 3 2 4]); semilogy(1:3, [1 10 100]); loglog(1:3, [1 10 100]);
[X, Y] = meshgrid(-2:0.5:2); Z = X.^2 - Y.^2;
figure('visible', 'off'); surf(X, Y, Z); mesh(X, Y, Z); contour(X, Y, Z); colorbar; colormap(jet);
figure('visible', 'off'); imagesc(magic(4)); imshow(rand(8)); drawnow;
print -dpng out1.png
saveas(h, 'out2.png');
close all;
disp(exist('out1.png', 'file'))
disp(isfile('out2.png'))
pause(0.01);
disp('ok')
