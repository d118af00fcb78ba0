s = 'b'; switch s, case 'a', disp('A'); case 'b', disp('B'); end
