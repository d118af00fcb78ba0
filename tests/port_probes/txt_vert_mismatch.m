c = ['ab'; 'cde']
