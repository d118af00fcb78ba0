m = mod(-7, 3), r = rem(-7, 3)
