try, error('abc: def %d', 3); catch e, disp(['[' e.identifier '] ' e.message]); end
try, error('Octave:my-id', 'tab\there'); catch e, disp(['[' e.identifier '] ' e.message]); end
try, error('pkg:sub:id', 'x = %d, y = %g', 4, 2.5); catch e, disp(['[' e.identifier '] ' e.message]); end
try, error(':bad', 'x'); catch e, disp(['[' e.identifier '] ' e.message]); end
try, error('v = %d %d', [1 2]); catch e, disp(['[' e.identifier '] ' e.message]); end
