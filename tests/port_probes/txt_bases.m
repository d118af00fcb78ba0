a = bin2dec('12'), b = hex2dec('xyz'), c = dec2bin(2^40), d = bin2dec(['101';'011'])
e = isspace(''), f = dec2hex(0), g = isdigit(['a1';'2b'])
