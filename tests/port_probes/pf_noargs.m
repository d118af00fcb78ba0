a = sprintf('a%db'), b = sprintf('%s'), c = sprintf('x%d'), d = sprintf('a%%b%d')
