f = @(x) [sin(x), (cos(x))] + max(abs(x))
g = @() rand ()
