n = max(zeros(0,3)), o = max(zeros(3,0))
p = max(5, []), c = max(zeros(0,3), [], 2)
[m, i] = max(zeros(0,3))
