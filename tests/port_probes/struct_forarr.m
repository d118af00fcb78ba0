s = struct('v', {4, 5});
for e = s
  disp(e.v)
end
