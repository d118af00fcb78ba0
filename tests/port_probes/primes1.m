p = primes(20)
