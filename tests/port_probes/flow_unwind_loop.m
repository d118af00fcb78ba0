for k = 1:4
  unwind_protect
    if k == 2, continue; end
    if k == 4, break; end
    printf('body %d\n', k);
  unwind_protect_cleanup
    printf('clean %d\n', k);
  end_unwind_protect
end
