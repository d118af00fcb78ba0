switch [1 2], case 1, disp('no'); case [1 2], disp('same array matches'); end
switch 1, case [1 2], disp('no'); otherwise, disp('scalar vs array: no'); end
switch 'abc', case 'ABC', disp('no'); case 'ab', disp('no'); otherwise, disp('case sensitive, whole string'); end
