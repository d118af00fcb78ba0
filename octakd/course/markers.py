"""nbgrader's solution markers: what the student build removes.

    def relu_forward(x):
        \"\"\"...\"\"\"
        ### BEGIN SOLUTION
        return np.maximum(x, 0)
        ### END SOLUTION

becomes, in the student copy,

    def relu_forward(x):
        \"\"\"...\"\"\"
        raise NotImplementedError("relu_forward: write your code here")
"""
import re

from ..errors import OctakdValueError

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
_DEF = re.compile(r"^\s*(?:async\s+)?def\s+(\w+)")


def strip_solutions(text, filename="<file>"):
    """Replace every marked solution with a stub raising NotImplementedError at the BEGIN
    marker's indentation. Unbalanced or nested markers are an error naming file:line."""
    out, inside, begin_line, function = [], False, 0, None
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        stripped = line.strip()
        m = _DEF.match(line)
        if m and not inside:
            function = m.group(1)
        if stripped == BEGIN:
            if inside:
                raise OctakdValueError(f"{filename}:{number}: {BEGIN} inside another solution "
                                       f"(opened on line {begin_line})")
            inside, begin_line = True, number
            indent = line[:len(line) - len(line.lstrip())]
            what = f"{function}: write your code here" if function else "write your code here"
            out.append(f'{indent}raise NotImplementedError("{what}")\n')
        elif stripped == END:
            if not inside:
                raise OctakdValueError(f"{filename}:{number}: {END} without {BEGIN}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise OctakdValueError(f"{filename}:{begin_line}: {BEGIN} is never closed by {END}")
    return "".join(out)


def has_solutions(text):
    return any(line.strip() == BEGIN for line in text.splitlines())
