x = 3; switch x, case 1, disp('one'); case {2, 3}, disp('two or three'); otherwise, disp('other'); end
