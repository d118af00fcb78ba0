b = uint8(10) - 50
