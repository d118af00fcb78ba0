d = ['[' deblank('ab   ') ']']
