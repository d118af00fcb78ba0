for i = 1:0
end
i
