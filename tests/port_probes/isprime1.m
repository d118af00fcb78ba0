p = isprime(1:10)
