s = struct(); c = {}; save e.mat s c; d = load("e.mat"); d.s, d.c
