x = true(2)
