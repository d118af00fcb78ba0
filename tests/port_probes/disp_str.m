disp('hello')
