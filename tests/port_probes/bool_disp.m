t = true
