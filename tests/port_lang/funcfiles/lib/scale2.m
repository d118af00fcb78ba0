function r = scale2(x)
  r = 2 * x;
endfunction
