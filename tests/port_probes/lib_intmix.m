try; int8(1)+int16(2); catch e; disp(e.identifier); end
try; int8(3) * int16([1 2]); catch e; disp(e.message); end
try; int8([1 2]) * int16([1; 2]); catch e; disp(e.message); end
try; int8([1 2]) ./ int16([1 2]); catch e; disp(e.message); end
try; int8([1 2]) .^ int16([1 2]); catch e; disp(e.message); end
try; int8(2) ^ int16(2); catch e; disp(e.message); end
try; int8(2) / int16(2); catch e; disp(e.message); end
c = int8(1) < int16(2)
try; [int8(2) int16(3)], catch e; disp(e.message); end
try; int8([1 2]) & int16([1 0]), catch e; disp(e.message); end
try; int8(1) - uint8(1), catch e; disp(e.message); end
