for k = 1:6
  switch mod(k, 3)
    case 0
      printf('%d: zero\n', k);
    case {1}
      if k > 3, break; end
      printf('%d: one\n', k);
    otherwise
      printf('%d: other\n', k);
      continue
  end
  printf('after switch %d\n', k);
end
