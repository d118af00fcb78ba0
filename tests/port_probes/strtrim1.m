s = strtrim(sprintf('  hi \t\n'))
