p = uint8(3) * 2.6
