% Records GNU Octave 7.3's inv, \, /, det, pinv and svd of generated matrices, bit for bit,
% for tests/test_port_lapack_exact.py (which builds the same matrices in Python):
%   octave --no-gui --quiet --norc lapack_exact.m > lapack_exact.out
1;   % a script file, not a function file
function A = gen(m, n, s)
  A = zeros(m, n);
  for i = 1:m
    for j = 1:n
      A(i, j) = (mod(i * i * 31 + j * j * 17 + i * j * s * 7 + s * 13 + i * 3, 97) - 48) / 7;
    end
  end
end
function S = spd(n, s)
  S = zeros(n);
  for i = 1:n
    for j = 1:n
      if i == j
        S(i, j) = 2 * n + i / 3 + s;
      else
        S(i, j) = (mod((i + j) * 13 + i * j * 5 + s, 23) - 11) / 7;
      end
    end
  end
end
function put(name, x)
  printf('%s %d %d', name, rows(x), columns(x));
  h = num2hex(x);
  for k = 1:rows(h)
    printf(' %s', h(k, :));
  end
  printf('\n');
end
for n = [1 2 3 4 5 7 9 12 20 70]
  for s = 1:3
    tag = sprintf('%d_%d', n, s);
    F = gen(n, n, s);
    S = spd(n, s);
    T = triu(F) + diag(1:n);
    B = gen(n, 2, s + 1);
    for kind = {'F', 'S', 'T', 'L'}
      switch kind{1}
        case 'F', A = F;
        case 'S', A = S;
        case 'T', A = T;
        case 'L', A = T';
      end
      put(['solve_' kind{1} '_' tag], A \ B);
      put(['rdiv_' kind{1} '_' tag], B' / A);
      put(['det_' kind{1} '_' tag], det(A));
      put(['inv_' kind{1} '_' tag], inv(A));
    end
  end
end
for mn = [1 1; 3 3; 5 5; 6 4; 4 6; 10 4; 4 10; 12 12; 30 7; 7 30]'
  G = gen(mn(1), mn(2), 5);
  tag = sprintf('%d_%d', mn(1), mn(2));
  put(['pinv_' tag], pinv(G));
  put(['svals_' tag], svd(G));
  put(['norm_' tag], norm(G));
  [U, S, V] = svd(G);
  put(['svdU_' tag], U);
  put(['svdS_' tag], diag(S));
  put(['svdV_' tag], V);
  [U, S, V] = svd(G, 'econ');
  put(['econU_' tag], U);
  put(['econV_' tag], V);
end
% eig of symmetric matrices: DSYEV('V' | 'N', 'U'), DSYTRD unblocked (up to 32) and blocked
for n = [1 2 3 4 5 7 9 12 20 31 32 33 70 129]
  for s = 1:2
    tag = sprintf('%d_%d', n, s);
    F = gen(n, n, s);
    for kind = {'G', 'S'}
      if strcmp(kind{1}, 'G')
        A = F + F';
      else
        A = spd(n, s);
      end
      [V, D] = eig(A);
      put(sprintf('eigV_%s_%s', kind{1}, tag), V);
      put(sprintf('eigD_%s_%s', kind{1}, tag), diag(D));
      put(sprintf('eigvals_%s_%s', kind{1}, tag), eig(A));
    end
  end
end
