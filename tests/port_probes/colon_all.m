A = magic(3); v = A(:)'
