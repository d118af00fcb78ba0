dd = sprintf('%d', int32(7)), ee = sprintf('%f', int8(-3)), gg = sprintf('%d', [true false])
