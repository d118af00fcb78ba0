% eig edge cases: empty, scalar, Inf or NaN (Octave's EIG error), a zero matrix
e0 = eig(zeros(0, 0))
[V0, D0] = eig(zeros(0, 0))
e1 = eig(5)
[V1, D1] = eig(-2)
[Vz, Dz] = eig(zeros(3))
try
  eig([Inf 0; 0 1])
catch err
  disp(err.message)
end
try
  [V, D] = eig([1 NaN; NaN 1]);
catch err
  disp(err.message)
end
