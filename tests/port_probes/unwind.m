unwind_protect, disp('body'); unwind_protect_cleanup, disp('cleanup'); end_unwind_protect
