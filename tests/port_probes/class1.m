disp(class(1)); disp(class('a')); disp(class(true)); disp(class({})); disp(class(struct()))
