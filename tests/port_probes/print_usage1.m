1;
function f(x)
  if nargin < 1
    print_usage();
  end
end
try
  f();
catch e
  disp(e.message); disp(e.identifier);
end
