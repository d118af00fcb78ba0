k = char('a', 'bcd'), v = strvcat('x', '', 'yz')
