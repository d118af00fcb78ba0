c = strsplit('a,b,,c', ',')
