disp({})
