z = 12.5 + 3i; r = real(z), m = imag(z), a = abs(3+4i)
