m = strtrim(['  a '; ' bc '])
