k = @() 42; k()
r = @() disp('hi'); r();
