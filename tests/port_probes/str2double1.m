x = str2double('3.75')
