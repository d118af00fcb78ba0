students = struct('name', {'Ann', 'Bob'}, 'score', {91, 78.5});
for k = 1:numel(students)
  fprintf('%-5s %6.2f\n', students(k).name, students(k).score);
end
names = {students.name}
