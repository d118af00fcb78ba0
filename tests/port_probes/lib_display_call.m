display("doing bisection ...")
x = 3;
display(x)
display([1 2])
display(5)
s="ab"; display(s)
