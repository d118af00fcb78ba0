fprintf(['a' num2str(1) '\n'])
