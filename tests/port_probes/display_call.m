display("a message")
x = [1 2];
display(x)
display(1+2)
display(pi)
