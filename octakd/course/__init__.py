"""The course kit: assignments that build and grade themselves (``octakd course``).

    octakd course list                        built-in assignments
    octakd course new NAME DIR                the instructor's copy (solutions between markers)
    octakd course build DIR OUT               OUT/student/ and OUT/autograder/ (Gradescope)
    octakd course grade DIR SUBMISSION --json results.json

See docs/course.md.
"""
from .assignment import Assignment
from .build import build, builtin_names, new
from .grade import grade

__all__ = ["Assignment", "build", "builtin_names", "new", "grade"]
