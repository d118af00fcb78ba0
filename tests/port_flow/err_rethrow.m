1;
function inner()
  error('in:ner', 'from inner');
end
try
  inner();
catch e
  printf('caught %s\n', e.identifier);
  rethrow(e);
end
