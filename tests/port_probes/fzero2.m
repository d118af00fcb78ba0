1;
function y = g(x)
  y = x^3 - 2;
end
x = fzero(@(x) cos(x) - x, [0 1])
x = fzero(@g, [0 2])
