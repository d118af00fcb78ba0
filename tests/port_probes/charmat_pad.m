c = ['ab'; 'cde']
d = char('x', '', 'yz')
