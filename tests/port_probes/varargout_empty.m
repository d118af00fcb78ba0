1;
function varargout = none()
end
function varargout = one()
  varargout{1} = 42;
end
one()
one();
x = one()
none()
