c = int32(7) / 2
