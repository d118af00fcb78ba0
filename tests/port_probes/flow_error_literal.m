try, error('pct 100% and \n stay'); catch e, disp(e.message); end
try, error('value %d'); catch e, disp(e.message); end
try, error("dq with newline\n"); catch e, printf('<%s>\n', e.message); end
try, error('abc:def'); catch e, disp(['[' e.identifier '] ' e.message]); end
