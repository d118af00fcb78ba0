t = regexp('ab12', '(\d)(\d)', 'tokens', 'once')
