d = double('AB')
