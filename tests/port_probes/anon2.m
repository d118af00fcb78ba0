f = @sin; y = f(0)
