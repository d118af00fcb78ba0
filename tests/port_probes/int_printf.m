a = uint8(200) * 2; printf('%d\n', a)
