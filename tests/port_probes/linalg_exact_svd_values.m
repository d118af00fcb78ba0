% singular values alone (svd(A), cond, norm(A), rank): DGESVD without vectors, dqds (DLASQ1), to the last bit
format long
A = [1 2 3; 4 5 6; 7 8 10];
s = svd(A)
num2hex(s)
c = cond([1 2; 2 4])
c2 = cond(A)
n2 = norm(A)
num2hex(norm(magic(5)))
r = rank(magic(4))
W = [1 2 3 4 5 6; 2 3 4 5 6 7; 3 4 5 6 7 8];
num2hex(svd(W))
num2hex(svd(W'))
h = zeros(8);
for i = 1:8
  for j = 1:8
    h(i, j) = 1 / (i + j - 1);
  end
end
num2hex(svd(h))
c3 = cond(h)
