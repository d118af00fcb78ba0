s = struct(); n = 'speed'; s.(n) = 10; s.([n '2']) = 20; v = s.(n), s
