s = struct('name', 'Bob', 'age', 42, 'm', [1 2; 3 4])
