format long
rad2deg(pi/3)
deg2rad([30 45; 60 90])
rad2deg(1)
format short
x = deg2rad(single(30))
class(x)
y = rad2deg(single([1 2]))
class(y)
try
 rad2deg(int8(1))
catch e
 disp(e.message)
end
