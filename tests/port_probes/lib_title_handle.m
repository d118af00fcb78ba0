figure('visible', 'off');
s(1) = subplot(2, 1, 1); plot(1:3);
s(2) = subplot(2, 1, 2); plot(3:-1:1);
title(s(1), sprintf('first %d', 1));
xlabel(s(2), 'x2', 'FontSize', 9);
ylabel(gca, 'y');
disp('ok')
