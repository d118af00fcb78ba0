a = sprintf('%d', pi), d = sprintf('%5d|', 2.5), e = sprintf('%.2d', pi)
i = sprintf('%i', 0.1), j = sprintf('%u', -1), x = sprintf('%d', -0.5)
