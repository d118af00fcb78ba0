1;
function r = f(x)
  r = 0;
  unwind_protect
    r = x;
    if x > 1
      return
    end
    r = -1;
  unwind_protect_cleanup
    printf('cleanup %d\n', r);
  end_unwind_protect
  r = 99;
end
a = f(5)
b = f(0)
