% a line comment
# a hash comment
x = 1;  % trailing comment
%{
a block comment
spanning lines
%}
y = 2 # another
