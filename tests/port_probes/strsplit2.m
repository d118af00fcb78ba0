c = strsplit('hello big world')
