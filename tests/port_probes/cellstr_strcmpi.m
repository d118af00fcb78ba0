a = strcmpi({'ABC', 'x'}, 'abc'), b = strncmp({'abcd', 'abx'}, 'abc', 3)
