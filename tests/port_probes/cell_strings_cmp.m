c = {'apple', 'pear'}; t = strcmp(c{2}, 'pear')
