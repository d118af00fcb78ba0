1;
function [a, varargout] = g()
  a = 1; varargout{1} = 2;
end
function varargout = h()
  varargout = 5;
end
try
  [x, y, z] = g();
catch e
  disp(e.message)
end
try
  x = h();
catch e
  disp(e.message)
end
