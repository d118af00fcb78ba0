% rcond(A) by Octave's Matrix::rcond paths (DTRCON, DPOCON, DGECON), to the last bit
format long
r1 = rcond([4 -2 1; 3 6 -4; 2 1 8])
r2 = rcond([4 1 0.5; 1 3 0.2; 0.5 0.2 2])
r3 = rcond([2 1 3; 0 4 5; 0 0 7])
r4 = rcond(magic(4))
r5 = rcond([1 2; 2 4])
r6 = rcond([])
r7 = rcond(5)
r8 = rcond(0)
h = zeros(6);
for i = 1:6
  for j = 1:6
    h(i, j) = 1 / (i + j - 1);
  end
end
r9 = rcond(h)
printf('%.17g\n', rcond(h'), rcond(magic(5)), rcond([1 2; 3 4]));
r10 = rcond([1 2 0; 2 1 0; 0 0 1])
