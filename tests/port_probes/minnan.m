m = min([NaN NaN])
