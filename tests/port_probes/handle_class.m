f = @(x) x; g = @cos;
disp(class(f)); disp(class(g)); disp(is_function_handle(f)); disp(isa(g, 'function_handle'))
disp(is_function_handle(1)); disp(f); disp(g)
