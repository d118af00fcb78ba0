1;
function r = first_neg(v)
  r = 0;
  for k = 1:numel(v)
    if v(k) < 0
      r = k;
      return;
    end
  end
end
k = first_neg([3 1 -2 5])
