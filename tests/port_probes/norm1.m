n = norm([3 4])
