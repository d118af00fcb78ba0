function id = nextid()
  persistent last
  if isempty(last)
    last = 100;
  end
  last = last + 1
  id = last;
end
