1;
function r = safe_div(a, b)
  eval('r = a / b;', 'r = -1;');
  if b == 0
    eval('error(''div:zero'', ''zero'')', 'r = -2;');
  end
end
eval('error(''boom'')', 'disp(lasterr())')
eval('x = 1', 'disp(''no'')')
disp(safe_div(6, 3))
disp(safe_div(1, 0))
eval('y = [1 2 3];'); y(end)
