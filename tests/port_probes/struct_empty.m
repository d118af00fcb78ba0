s = struct()
