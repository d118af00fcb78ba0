global counter
counter = 10;
bump(5);
disp(counter)
bump(2);
counter
x = peek_it()
G = 7;
set_g(3);
disp(G)
show_g()
clear_g();
disp(isempty(G))
show_g()
