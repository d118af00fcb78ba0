disp(int8([1 -2; 3 4]))
disp([true false])
disp(1:30)
disp(-2.5)
disp([1.5 NaN])
disp('abc')
disp(['ab';'cd'])
format long
disp([pi; -1])
disp(1e-20)
x = int32([100 -5])
y = true
z = uint8(200)
disp(single(2))
