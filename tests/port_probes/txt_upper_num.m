aa = upper(5), b = lower('MiXeD 123')
