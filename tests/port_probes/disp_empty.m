disp(zeros(3,0))
disp([])
disp('')
disp(zeros(1,0))
