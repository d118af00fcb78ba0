y = abs(fft([1 0 0 0]))
