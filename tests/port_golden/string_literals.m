a = 'it''s';
b = "tab\there";
c = 'no\tescape';
d = ['abc', 'def'];
printf('%s|%s\n', a, c);
printf("%d\n", 7);
n = numel(d)
