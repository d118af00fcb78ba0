k = strcmp({'a', 'b'; 'c', 'a'}, 'a'), m = strcmp({'a', 'b'}, {'a', 'c'})
