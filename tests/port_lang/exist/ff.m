function r = ff()
 r = 1;
end
