a = int32([-7 -6 -5 5 6 7]);
idivide(a, int32(2))
idivide(a, int32(-2))
idivide(a, int32(2), 'floor')
idivide(a, int32(-2), 'floor')
idivide(a, int32(2), 'ceil')
idivide(a, int32(-2), 'ceil')
idivide(a, int32(2), 'round')
idivide(int8([100 -100 127 -128]), int8([3 -3 -1 -1]))
idivide(int8(-128), int8(-1), 'floor')
idivide(uint8(200), 7)
idivide(17, int16([3 -4 5]), 'ceil')
idivide(int16([1 2; 3 4]), int16([2 -2; 0 3]))
x = idivide(int32(10), int32(4));
class(x)
try
  idivide(1, 2)
catch e
  disp(e.message)
end
try
  idivide(int8(1), int16(2))
catch e
  disp(e.message)
end
