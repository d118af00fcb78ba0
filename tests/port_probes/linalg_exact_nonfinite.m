% svd, rank and cond stop on Inf or NaN as Octave; norm(A) is NaN; pinv is all NaN
n = norm([1 Inf; 2 3])
n2 = norm([1 NaN; 2 3])
p = pinv([1 NaN; 2 3])
try
  svd([1 NaN; 2 3])
catch err
  disp(err.message)
end
try
  rank([1 Inf; 2 3])
catch err
  disp(err.message)
end
try
  cond([1 NaN; 2 3])
catch err
  disp(err.message)
end
