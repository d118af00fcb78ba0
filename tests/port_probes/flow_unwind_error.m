1;
function g()
  unwind_protect
    error('boom');
  unwind_protect_cleanup
    disp('g cleanup');
  end_unwind_protect
  disp('not reached');
end
try
  g();
catch e
  disp(e.message)
end
