figure('visible', 'off');
plot(1:3, [2 4 1]);
title('T', 'FontSize', 14);
xlabel('x', 'FontSize', 12, 'Interpreter', 'none');
ylabel('y', 'FontWeight', 'bold');
legend('data', 'Location', 'northwest');
legend({'a'}, 'Location', 'best');
disp('done')
