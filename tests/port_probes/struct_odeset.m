o = odeset('MaxStep', 0.5, 'AbsTol', 1e-8)
