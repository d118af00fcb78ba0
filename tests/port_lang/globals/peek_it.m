function v = peek_it()
  global counter
  v = counter * 2;
end
