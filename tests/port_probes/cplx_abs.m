z = 3 + 4i; a = abs(z), b = real(z), c = imag(z), d = conj(z), e = angle(z)
