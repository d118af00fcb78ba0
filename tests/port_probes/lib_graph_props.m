figure('visible', 'off');
plot(1:3, [2 4 1]);
hold on;
plot(1:3, [1 2 3], 'r--', 'LineWidth', 2);
title('T', 'FontSize', 14);
title({'two', 'lines'});
xlabel('x', 'FontSize', 12, 'Interpreter', 'none');
ylabel('y', 'FontWeight', 'bold');
legend('data', 'line', 'Location', 'northwest');
legend({'a', 'b'}, 'Location', 'southeast', 'FontSize', 8);
legend('boxoff');
text(1, 2, 'note', 'FontSize', 10);
disp('done')
