x = idivide(int32(7), int32(2))
