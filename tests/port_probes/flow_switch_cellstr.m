s = 'abc';
switch s, case {'x', 'abc'}, disp('cell str'); otherwise, disp('no'); end
switch 'x' case {'a' 'b'} disp('ab'); case {'x'} disp('x'); endswitch
