a = uint8(200) * 2
