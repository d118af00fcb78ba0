u = upper('abC'), l = lower('ABc')
