x = [];
switch x, case 1, disp('one'); otherwise, disp('empty goes otherwise'); end
switch '', case '', disp('empty string matches'); end
switch 1, case [], disp('no'); otherwise, disp('empty case does not match 1'); end
