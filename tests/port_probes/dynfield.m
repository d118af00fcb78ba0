s = struct(); name = 'k'; s.(name) = 7; s
