switch 'a', case 97, disp('char a matches 97'); otherwise, disp('no'); end
switch 98, case 'b', disp('98 matches char b'); end
switch true, case 1, disp('true matches 1'); end
