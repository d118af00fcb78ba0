n = nchoosek(5, 2)
